//! `PATCH /api/openstack-migrations/{uuid}/`: change some writable fields.

use crate::prelude::*;

use super::{body_request, json_body, Endpoint};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::model::{MigrationDetails, PatchedMigrationDetailsRequest};
use crate::validate::validate_partial_update;

/// Changes only the fields set in the body. Never retried automatically.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartialUpdateMigration {
    /// The migration's uuid.
    pub uuid: String,
    /// The body.
    pub body: PatchedMigrationDetailsRequest,
}

impl Endpoint for PartialUpdateMigration {
    type Output = MigrationDetails;

    fn request(&self) -> Result<HttpRequest, Error> {
        body_request(Method::Patch, &self.uuid, validate_partial_update(&self.body), &self.body)
    }

    fn parse(&self, response: &HttpResponse) -> Result<MigrationDetails, Error> {
        json_body(response, &[200])
    }
}
