//! `DELETE /api/openstack-migrations/{uuid}/`: remove the migration record.

use crate::prelude::*;

use super::{expect_status, migration_path, Endpoint};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};

/// Deletes a migration record (in any state; the destination resource stays).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DestroyMigration {
    /// The migration's uuid.
    pub uuid: String,
}

impl Endpoint for DestroyMigration {
    type Output = ();

    fn request(&self) -> Result<HttpRequest, Error> {
        Ok(HttpRequest::new(Method::Delete, migration_path(&self.uuid)?))
    }

    fn parse(&self, response: &HttpResponse) -> Result<(), Error> {
        parse_destroyed(response)
    }
}

/// 204 (or 200, 202) is done; so is a 404 after an attempt whose answer was lost, since that
/// attempt deleted the record.
pub fn parse_destroyed(response: &HttpResponse) -> Result<(), Error> {
    if response.status == 404 && response.after_lost_answer {
        return Ok(());
    }
    expect_status(response, &[200, 202, 204])
}
