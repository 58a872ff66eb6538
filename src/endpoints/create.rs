//! `POST /api/openstack-migrations/`: start a migration.

use super::{decode_json, expect_status, ok_or_invalid, Endpoint, MIGRATIONS_PATH};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::model::wire::normalize_uuid_input;
use crate::model::{CreatedMigration, MigrationCreate, MigrationCreateRequest, MigrationDetails};
use crate::validate::validate_create;

/// Creates a migration. The body is validated with the server's rules before anything is sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CreateMigration {
    /// The body.
    pub body: MigrationCreateRequest,
}

impl Endpoint for CreateMigration {
    type Output = CreatedMigration;

    fn request(&self) -> Result<HttpRequest, Error> {
        ok_or_invalid(validate_create(&self.body))?;
        let mut body = self.body.clone();
        body.src_resource = normalize_uuid_input(&body.src_resource);
        body.dst_offering = normalize_uuid_input(&body.dst_offering);
        body.dst_plan = normalize_uuid_input(&body.dst_plan);
        let mut request = HttpRequest::new(Method::Post, MIGRATIONS_PATH);
        request.body = Some(to_json(&body)?);
        Ok(request)
    }

    /// Reads the 201 body as a full migration (real servers), else as the documented short body.
    fn parse(&self, response: &HttpResponse) -> Result<CreatedMigration, Error> {
        expect_status(response, &[200, 201])?;
        match decode_json::<MigrationDetails>(response) {
            Ok(details) => Ok(CreatedMigration::Full(Box::new(details))),
            Err(full_error) => match decode_json::<MigrationCreate>(response) {
                Ok(short) => Ok(CreatedMigration::Documented(short)),
                Err(_) => Err(full_error),
            },
        }
    }
}

/// Serialises a request body; the models always serialise, but stay panic-free regardless.
pub(crate) fn to_json<T: serde::Serialize>(body: &T) -> Result<String, Error> {
    serde_json::to_string(body).map_err(|error| super::invalid("body", &error.to_string()))
}
