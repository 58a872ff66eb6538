// Defines <waldur-migration-list>, <waldur-migration-details> and <waldur-migration-create>.
// Each element mounts its component when connected and unmounts it (aborting its
// requests) when removed; adding it again mounts it again. A new `lang` only changes the texts
// (no remount, no request). `mount(kind, element)` is the wasm side and returns a handle with
// `unmount()` and `setLang()`.
export function defineElements(mount) {
  if (typeof customElements === "undefined") return;
  const define = (name, kind, attributes) => {
    if (customElements.get(name)) return;
    customElements.define(
      name,
      class extends HTMLElement {
        static observedAttributes = attributes;
        #client = undefined;
        #handle = null;
        #reflecting = false;

        /** A WaldurMigrationsClient (else the one given to setConfig is used). */
        get client() {
          return this.#client;
        }
        set client(value) {
          if (value === this.#client) return;
          this.#client = value;
          this.#remount();
        }
        connectedCallback() {
          this.#remount();
        }
        disconnectedCallback() {
          this.#handle?.unmount();
          this.#handle = null;
        }
        attributeChangedCallback(name, before, after) {
          if (before === after || this.#reflecting) return;
          if (name === "lang") {
            this.#handle?.setLang(after ?? undefined);
            return;
          }
          this.#remount();
        }
        /** Sets an attribute from inside (the user changed a filter) without remounting. */
        reflectAttribute(attribute, value) {
          this.#reflecting = true;
          try {
            if (value === null || value === undefined) this.removeAttribute(attribute);
            else this.setAttribute(attribute, String(value));
          } finally {
            this.#reflecting = false;
          }
        }
        #remount() {
          if (!this.isConnected) return;
          this.#handle?.unmount();
          this.#handle = mount(kind, this, this.#client);
        }
      },
    );
  };
  const common = ["lang", "resource-href", "staff"];
  define("waldur-migration-list", "list", ["src-resource", "dst-resource", "page-size", ...common]);
  define("waldur-migration-details", "details", ["uuid", ...common]);
  define("waldur-migration-create", "create", common);
}
