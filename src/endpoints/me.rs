//! `GET /api/users/me/`: the signed-in user.

use super::{json_body, Endpoint};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::model::CurrentUser;

/// Who the credentials belong to (to know whether they see everyone's migrations).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Me;

impl Endpoint for Me {
    type Output = CurrentUser;

    fn request(&self) -> Result<HttpRequest, Error> {
        Ok(HttpRequest::new(Method::Get, "/api/users/me/"))
    }

    fn parse(&self, response: &HttpResponse) -> Result<CurrentUser, Error> {
        json_body(response, &[200])
    }
}
