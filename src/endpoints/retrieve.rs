//! `GET /api/openstack-migrations/{uuid}/`: one migration.

use crate::prelude::*;

use super::{json_body, migration_path, Endpoint};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::model::MigrationDetails;

/// Fetches one migration by uuid (either spelling).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RetrieveMigration {
    /// The migration's uuid.
    pub uuid: String,
}

impl Endpoint for RetrieveMigration {
    type Output = MigrationDetails;

    fn request(&self) -> Result<HttpRequest, Error> {
        Ok(HttpRequest::new(Method::Get, migration_path(&self.uuid)?))
    }

    fn parse(&self, response: &HttpResponse) -> Result<MigrationDetails, Error> {
        json_body(response, &[200])
    }
}
