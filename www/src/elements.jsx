// React wrappers of the custom elements: the client goes in as a property (React 19 sets object
// props as properties on custom elements, before the element is connected), and the DOM events
// come back as callbacks.
import { useEffect, useRef } from "react";
import { mountMigrationCreate } from "waldur-migrations-elements";

function useEvents(ref, handlers) {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const element = ref.current;
    const listeners = Object.keys(latest.current).map((name) => {
      const listener = (event) => latest.current[name]?.(event.detail);
      element.addEventListener(name, listener);
      return [name, listener];
    });
    return () => listeners.forEach(([name, listener]) => element.removeEventListener(name, listener));
  }, [ref]);
}

export function MigrationListElement({ client, pageSize, onSelect }) {
  const ref = useRef(null);
  useEvents(ref, { "migration-select": onSelect });
  return <waldur-migration-list ref={ref} client={client} page-size={String(pageSize)} />;
}

export function MigrationDetailsElement({ client, uuid, onUpdated, onDeleted }) {
  const ref = useRef(null);
  useEvents(ref, { "migration-updated": onUpdated, "migration-deleted": onDeleted });
  return <waldur-migration-details ref={ref} client={client} uuid={uuid} />;
}

export function MigrationCreateElement({ client, onCreated }) {
  const ref = useRef(null);
  useEvents(ref, { "migration-created": onCreated });
  return <waldur-migration-create ref={ref} client={client} />;
}

/** The create form through the mount function instead of the element: mounted in an effect,
 * unmounted in its cleanup (StrictMode runs both twice in development; one view remains). */
export function MountedCreateForm({ client, onCreated }) {
  const ref = useRef(null);
  useEvents(ref, { "migration-created": onCreated });
  useEffect(() => {
    const handle = mountMigrationCreate(ref.current, { client });
    return () => handle.unmount();
  }, [client]);
  return <div ref={ref} className="host-mounted" />;
}
