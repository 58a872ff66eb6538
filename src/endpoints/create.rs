//! `POST /api/openstack-migrations/`: start a migration.

use crate::prelude::*;

use super::{expect_status, ok_or_invalid, to_json, Endpoint, MIGRATIONS_PATH};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::model::wire::normalize_uuid_input;
use crate::model::{CreatedMigration, Decode, MigrationCreate, MigrationCreateRequest, MigrationDetails};
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
        request.body = Some(to_json(&body));
        Ok(request)
    }

    /// Reads the 201 body as a full migration (real servers), else as the documented short body.
    fn parse(&self, response: &HttpResponse) -> Result<CreatedMigration, Error> {
        expect_status(response, &[200, 201])?;
        let undecodable = |message: String| {
            Error::undecodable(response.status, response.header("content-type"), message, &response.body)
        };
        let value = response.body.json().map_err(undecodable)?;
        match MigrationDetails::decode(&value) {
            Ok(details) => Ok(CreatedMigration::Full(Box::new(details))),
            Err(full) => match MigrationCreate::decode(&value) {
                Ok(short) => Ok(CreatedMigration::Documented(short)),
                Err(_) => Err(undecodable(full.describe())),
            },
        }
    }
}
