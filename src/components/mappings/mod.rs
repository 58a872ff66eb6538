//! Mappings: an editor (volume type pairs, subnet CIDR pairs, networks, the two flags) shared
//! by the create form and the details view, and read-only tables.

mod editor;
mod state;
mod tables;

pub use editor::{mappings_editor, EditorOptions};
#[cfg(feature = "ui")]
pub(crate) use state::mappings_state;
pub use state::{editor_shows, new_row, request_of, rows_of, MappingsState, PairRow};
pub use tables::mappings_tables;
