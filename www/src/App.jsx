// A HomePort-like host: React in StrictMode, the client package's functions feeding a React
// table, and the elements package's custom elements inside React components, all talking to
// the same server (this page's origin).
import { useEffect, useMemo, useState } from "react";
import { setConfig, openstackMigrationsList, isWaldurMigrationsError } from "waldur-migrations";
import { WaldurMigrationsClient } from "waldur-migrations-elements";
import { MigrationListElement, MigrationDetailsElement, MountedCreateForm } from "./elements.jsx";

export function App() {
  const [token, setToken] = useState(null);
  if (!token) return <Connect onConnect={setToken} />;
  return <Replications token={token} />;
}

function Connect({ onConnect }) {
  const [value, setValue] = useState("");
  return (
    <main className="host-connect">
      <h1>Replications</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim()) onConnect(value.trim());
        }}
      >
        <label htmlFor="host-token">API token</label>
        <input id="host-token" type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />
        <button type="submit">Open</button>
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
      <table aria-label="React migrations">
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
      <button type="button" disabled={previous === null} onClick={() => setPage(previous)}>
        Previous page
      </button>
      <button type="button" disabled={next === null} onClick={() => setPage(next)}>
        Next page
      </button>
    </div>
  );
}
