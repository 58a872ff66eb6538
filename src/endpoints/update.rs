//! `PUT /api/openstack-migrations/{uuid}/`: replace the mappings (and error texts).

use super::create::to_json;
use super::{decode_json, expect_status, migration_path, ok_or_invalid, Endpoint};
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
        let path = migration_path(&self.uuid)?;
        ok_or_invalid(validate_update(&self.body))?;
        let mut request = HttpRequest::new(Method::Put, path);
        request.body = Some(to_json(&self.body)?);
        Ok(request)
    }

    fn parse(&self, response: &HttpResponse) -> Result<MigrationDetails, Error> {
        expect_status(response, &[200])?;
        decode_json(response)
    }
}
