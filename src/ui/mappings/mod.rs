//! Mappings: an editor (volume type pairs, subnet CIDR pairs, networks, the two flags) shared
//! by the create form and the details view, and read-only tables.

mod editor;
mod state;
mod tables;

pub use editor::{MappingsEditor, MappingsEditorProps};
pub use state::{editor_shows, MappingsState, PairRow};
pub use tables::{MappingsTables, MappingsTablesProps};
