// A HomePort-like host: React in StrictMode with Bootstrap 5, the client package's functions
// feeding a React table, and the elements package's custom elements inside React components,
// all talking to the same server (this page's origin). The language and the theme switch at run
// time; the elements follow the document's `lang` and Bootstrap's `data-bs-theme`.
import { useEffect, useMemo, useState } from "react";
import { setConfig, openstackMigrationsList, isWaldurMigrationsError } from "waldur-migrations";
import { WaldurMigrationsClient, setMessages } from "waldur-migrations-elements";
import { MigrationListElement, MigrationDetailsElement, MountedCreateForm } from "./elements.jsx";
import pseudo from "../../i18n/en-XA.json";

// HomePort calls migrations "Replications": the host renames through the English catalog.
setMessages("en", {
  "Migrations": "Replications",
  "New migration": "New replication",
  "No migrations": "No replications",
  "{count} migrations": { one: "{count} replication", other: "{count} replications" },
});
// The pseudo-locale every test text goes through (accented, longer, bracketed).
setMessages("en-XA", pseudo);

const LANGUAGES = [["en", "English"], ["en-XA", "Pseudo-locale (en-XA)"]];
const THEMES = [["light", "Light"], ["dark", "Dark"]];

/** Language and theme as HomePort sets them: on <html>, where the elements read them. */
function Settings() {
  const [language, setLanguage] = useState("en");
  const [theme, setTheme] = useState("light");
  useEffect(() => { document.documentElement.lang = language; }, [language]);
  useEffect(() => { document.documentElement.dataset.bsTheme = theme; }, [theme]);
  const choice = (id, label, value, set, options) => (
    <div className="col-auto">
      <label className="form-label mb-0 me-2" htmlFor={id}>{label}</label>
      <select id={id} className="form-select form-select-sm d-inline-block w-auto" value={value} onChange={(e) => set(e.target.value)}>
        {options.map(([key, name]) => <option key={key} value={key}>{name}</option>)}
      </select>
    </div>
  );
  return (
    <div className="row g-3 align-items-center host-settings">
      {choice("host-language", "Language", language, setLanguage, LANGUAGES)}
      {choice("host-theme", "Theme", theme, setTheme, THEMES)}
    </div>
  );
}

export function App() {
  const [token, setToken] = useState(null);
  if (!token) return <Connect onConnect={setToken} />;
  return <Replications token={token} />;
}

function Connect({ onConnect }) {
  const [value, setValue] = useState("");
  return (
    <main className="host-connect container">
      <h1>Replications</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim()) onConnect(value.trim());
        }}
      >
        <label htmlFor="host-token">API token</label>
        <input id="host-token" className="form-control" type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />
        <button type="submit" className="btn btn-primary">Open</button>
      </form>
    </main>
  );
}

function Replications({ token }) {
  // The same credentials for both packages: the client functions through setConfig, the
  // elements through a client object given as a property (never an attribute).
  const elementsClient = useMemo(() => new WaldurMigrationsClient({ baseUrl: "", auth: `Token ${token}` }), [token]);
  useMemo(() => setConfig({ baseUrl: "", auth: `Token ${token}` }), [token]);
  const [selected, setSelected] = useState(null);
  const [events, setEvents] = useState([]);
  const [version, setVersion] = useState(0);
  const log = (name, migration) => setEvents((list) => [...list, `${name}: ${migration.uuid}`]);
  return (
    <main className="host-layout">
      <header className="host-header">
        <h1 className="h4 mb-0">Replications</h1>
        <Settings />
      </header>
      <section className="host-panel" aria-labelledby="react-table-title">
        <h2 id="react-table-title">React table (client functions)</h2>
        <ReactTable version={version} />
      </section>
      <section className="host-panel" aria-labelledby="elements-title">
        <h2 id="elements-title">Custom elements</h2>
        <MigrationListElement
          client={elementsClient}
          pageSize={10}
          onSelect={(m) => {
            log("migration-select", m);
            setSelected(m.uuid);
          }}
        />
        {selected && (
          <MigrationDetailsElement
            client={elementsClient}
            uuid={selected}
            onUpdated={(m) => log("migration-updated", m)}
            onDeleted={(m) => {
              log("migration-deleted", m);
              setSelected(null);
              setVersion((v) => v + 1);
            }}
          />
        )}
        <h3>New migration</h3>
        <MountedCreateForm
          client={elementsClient}
          onCreated={(m) => {
            log("migration-created", m);
            setSelected(m.uuid);
            setVersion((v) => v + 1);
          }}
        />
      </section>
      <section className="host-panel host-events" aria-labelledby="events-title">
        <h2 id="events-title">Events received by React</h2>
        <ol aria-label="Events">
          {events.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ol>
      </section>
    </main>
  );
}

function ReactTable({ version }) {
  const [page, setPage] = useState(1);
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    // StrictMode runs this twice; the first call is aborted before it is sent.
    const controller = new AbortController();
    openstackMigrationsList({ query: { page, page_size: 5 }, signal: controller.signal })
      .then((value) => setResult(value))
      .catch((e) => {
        if (!(isWaldurMigrationsError(e) && e.kind === "aborted")) setError(e);
      });
    return () => controller.abort();
  }, [page, version]);
  if (error) return <p role="alert">{isWaldurMigrationsError(error) ? `${error.kind}: ${error.message}` : String(error)}</p>;
  if (!result) return <p>Loading…</p>;
  const { data, total, next, previous } = result;
  return (
    <div>
      <p>
        {total} migrations, page {result.page} of {result.pages}
      </p>
      <table className="table table-sm" aria-label="React migrations">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Destination offering</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {data.map((m) => (
            <tr key={m.uuid}>
              <td>{m.src_resource_name}</td>
              <td>{m.dst_offering_name}</td>
              <td>{m.state}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="btn btn-outline-secondary btn-sm me-2" disabled={previous === null} onClick={() => setPage(previous)}>
        Previous page
      </button>
      <button type="button" className="btn btn-outline-secondary btn-sm" disabled={next === null} onClick={() => setPage(next)}>
        Next page
      </button>
    </div>
  );
}
