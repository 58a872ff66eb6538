//! `PATCH /api/openstack-migrations/{uuid}/`: change some writable fields.

use super::create::to_json;
use super::{decode_json, expect_status, migration_path, ok_or_invalid, Endpoint};
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
        let path = migration_path(&self.uuid)?;
        ok_or_invalid(validate_partial_update(&self.body))?;
        let mut request = HttpRequest::new(Method::Patch, path);
        request.body = Some(to_json(&self.body)?);
        Ok(request)
    }

    fn parse(&self, response: &HttpResponse) -> Result<MigrationDetails, Error> {
        expect_status(response, &[200])?;
        decode_json(response)
    }
}
