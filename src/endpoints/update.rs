//! `PUT /api/openstack-migrations/{uuid}/`: replace the mappings (and error texts).

use crate::prelude::*;

use super::{body_request, json_body, Endpoint};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::model::{MigrationDetails, MigrationDetailsRequest};
use crate::validate::validate_update;

/// Replaces a migration's writable fields; `mappings` is required and replaced whole.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdateMigration {
    /// The migration's uuid.
    pub uuid: String,
    /// The body.
    pub body: MigrationDetailsRequest,
}

impl Endpoint for UpdateMigration {
    type Output = MigrationDetails;

    fn request(&self) -> Result<HttpRequest, Error> {
        body_request(Method::Put, &self.uuid, validate_update(&self.body), &self.body)
    }

    fn parse(&self, response: &HttpResponse) -> Result<MigrationDetails, Error> {
        json_body(response, &[200])
    }
}
