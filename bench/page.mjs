// The in-browser half of `cargo xtask bench`: each measure runs ours and its baseline in the
// same page, interleaved, and returns raw samples (milliseconds or bytes); bench/run.mjs
// computes medians and ratios.
import initClient, * as ours from "./client/waldur_migrations.js";
import initBench, * as bench from "./bench/waldur_migrations.js";
import * as heyapi from "./heyapi.js";

const [clientWasm, benchWasm] = await Promise.all([initClient(), initBench()]);
const stage = document.getElementById("stage");
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function timed(work) {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Runs each contender once per round, rotating their order; `warmup` rounds are dropped. */
async function rounds(count, warmup, contenders) {
  const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  const names = Object.keys(contenders);
  for (let round = 0; round < count + warmup; round += 1) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) {
      const ms = await timed(contenders[name]);
      if (round >= warmup) samples[name].push(ms);
    }
  }
  return samples;
}

/** Vanilla DOM building the same table as the component (same columns, text and badges). */
function vanillaTable(container, rows) {
  const table = document.createElement("table");
  table.className = "wm-table wm-table--cards";
  const head = table.createTHead().insertRow();
  for (const name of ["Source resource", "Destination resource", "Destination offering", "Created", "State", "Destination resource state"]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = name;
    head.appendChild(th);
  }
  const body = table.createTBody();
  const badges = [];
  for (const m of rows) {
    const tr = body.insertRow();
    tr.tabIndex = 0;
    const source = tr.insertCell();
    const strong = document.createElement("span");
    strong.className = "wm-strong";
    strong.textContent = m.src_resource_name;
    const sub = document.createElement("span");
    sub.className = "wm-sub";
    sub.textContent = m.src_offering_name;
    source.append(strong, sub);
    tr.insertCell().textContent = m.dst_resource_name;
    tr.insertCell().textContent = m.dst_offering_name;
    const time = document.createElement("time");
    time.dateTime = m.created;
    time.title = m.created;
    time.textContent = new Date(m.created).toLocaleDateString();
    tr.insertCell().appendChild(time);
    const state = document.createElement("span");
    state.className = `wm-badge wm-badge--${m.state === "OK" ? "success" : "danger"}`;
    state.textContent = m.state;
    tr.insertCell().appendChild(state);
    const dst = document.createElement("span");
    dst.className = "wm-badge";
    dst.textContent = m.dst_resource_state;
    tr.insertCell().appendChild(dst);
    badges.push(state);
  }
  container.appendChild(table);
  return (updated) => {
    updated.forEach((m, i) => {
      badges[i].textContent = m.state;
      badges[i].className = `wm-badge wm-badge--${m.state === "OK" ? "success" : "danger"}`;
    });
  };
}

/** The component's own markup for a table of `rows`, built by plain JS: the same tags, classes,
 * attributes and `Intl` texts, written once (for the split of rendering; `renderSplit` checks
 * that it still matches the component's). */
function sameDomTable(container, rows) {
  const make = (tag, className) => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    return element;
  };
  const name = (text, className) => {
    const element = make("bdi", className);
    element.setAttribute("title", text);
    element.textContent = text;
    return element;
  };
  const dates = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
  const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  const labels = ["Source resource", "Destination resource", "Destination offering", "Created", "State", "Destination resource state"];
  const root = make("div", "wm-root");
  const wrap = make("div", "wm-table-wrap");
  wrap.setAttribute("tabindex", "0");
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", "Migrations table");
  const table = make("table", "wm-table wm-table--cards");
  table.setAttribute("aria-busy", "false");
  const caption = make("caption", "wm-visually-hidden");
  caption.textContent = "Migrations";
  const head = make("tr");
  for (const label of labels) {
    const th = make("th");
    th.setAttribute("scope", "col");
    th.textContent = label;
    head.appendChild(th);
  }
  const thead = make("thead");
  thead.appendChild(head);
  const body = make("tbody");
  for (const m of rows) {
    const tr = make("tr", "wm-row");
    tr.setAttribute("aria-label", `${m.src_resource_name} to ${m.dst_offering_name}`);
    const source = make("div");
    source.append(name(m.src_resource_name, "wm-strong wm-name"), name(m.src_offering_name, "wm-sub wm-name"));
    const created = new Date(m.created);
    const time = make("time");
    time.setAttribute("datetime", created.toISOString());
    time.setAttribute("title", dates.format(created));
    const days = Math.round((created.getTime() - Date.now()) / 86400000);
    const [amount, unit] = Math.abs(days) >= 365 ? [Math.round(days / 365), "year"] : Math.abs(days) >= 30 ? [Math.round(days / 30), "month"] : [days, "day"];
    time.textContent = relative.format(amount, unit);
    const state = make("span", `wm-badge wm-badge--${m.state === "OK" ? "success" : "danger"}`);
    state.textContent = m.state;
    const dst = make("span", "wm-badge wm-badge--success");
    dst.textContent = m.dst_resource_state;
    const cells = [source, name(m.dst_resource_name, "wm-name"), name(m.dst_offering_name, "wm-name"), time, state, dst];
    cells.forEach((content, at) => {
      const td = make("td");
      td.setAttribute("data-label", labels[at]);
      td.appendChild(content);
      tr.appendChild(td);
    });
    body.appendChild(tr);
  }
  table.append(caption, thead, body);
  wrap.appendChild(table);
  root.appendChild(wrap);
  container.appendChild(root);
}

/** An element's tags and attribute names, depth first (values and texts left out). */
function shape(element) {
  const attributes = [...element.attributes].map((a) => a.name).sort().join(",");
  return `<${element.tagName}[${attributes}]${[...element.children].map(shape).join("")}>`;
}

window.bench = {
  /** A 300-item page: our list call, fetch + response.json(), the hey-api generated call. */
  async listCall({ api, token, count }) {
    ours.setConfig({ baseUrl: api, auth: `Token ${token}` });
    heyapi.client.setConfig({ baseUrl: api, headers: { Authorization: `Token ${token}` } });
    const url = `${api}/api/openstack-migrations/?page_size=300`;
    return rounds(count, 3, {
      ours: async () => {
        const { data } = await ours.openstackMigrationsList({ query: { page_size: 300 } });
        if (data.length !== 300) throw new Error(`ours: ${data.length}`);
      },
      fetch: async () => {
        const response = await fetch(url, { headers: { Authorization: `Token ${token}` } });
        const data = await response.json();
        if (data.length !== 300) throw new Error(`fetch: ${data.length}`);
      },
      heyapi: async () => {
        const { data } = await heyapi.openstackMigrationsList({ query: { page_size: 300 } });
        if (data.length !== 300) throw new Error(`hey-api: ${data.length}`);
      },
    });
  },

  /** Decoding the same 300-item text: typed Rust structs vs JSON.parse. */
  async decode({ text, count }) {
    return rounds(count, 5, {
      ours: async () => {
        if (bench.benchDecode(text) !== 300) throw new Error("decode");
      },
      json: async () => {
        if (JSON.parse(text).length !== 300) throw new Error("parse");
      },
    });
  },

  /** 1,000 rows: first render, then every row's state changed; the component vs vanilla DOM. */
  async render({ rowsText, updatedText, count }) {
    const rows = JSON.parse(rowsText);
    const updated = JSON.parse(updatedText);
    const render = { ours: [], vanilla: [] };
    const update = { ours: [], vanilla: [] };
    for (let round = 0; round < count + 2; round += 1) {
      for (const name of round % 2 ? ["vanilla", "ours"] : ["ours", "vanilla"]) {
        const container = document.createElement("div");
        stage.appendChild(container);
        // Both start from decoded data: decoding has its own measure.
        let table, apply;
        if (name === "ours") {
          table = new bench.BenchTable(container);
          table.stage(rowsText);
          await settle();
        }
        const first = await timed(async () => {
          if (name === "ours") table.show();
          else apply = vanillaTable(container, rows);
          await settle();
          void container.offsetHeight;
        });
        if (container.querySelectorAll("tbody tr").length !== 1000) throw new Error("rows");
        if (name === "ours") table.stage(updatedText);
        const second = await timed(async () => {
          if (name === "ours") table.show();
          else apply(updated);
          await settle();
          void container.offsetHeight;
        });
        if (container.querySelectorAll(".wm-badge--danger").length === 0) throw new Error("states");
        if (round >= 2) {
          render[name].push(first);
          update[name].push(second);
        }
        if (table) {
          table.unmount();
          table.free();
        }
        container.remove();
        await settle();
      }
    }
    return { render, update };
  },

  /** Rendering 1,000 rows split into building (the call that makes the DOM) and the forced
   * layout after it: the component, the same markup built by plain JS (with and without the
   * names' line clamp), and the vanilla table. Not a goal: it says where rendering's time goes. */
  async renderSplit({ rowsText, count }) {
    const rows = JSON.parse(rowsText);
    const unclamped = document.createElement("style");
    unclamped.textContent = ".wm-name { display: block !important; overflow: visible !important; }";
    const names = ["ours", "same markup", "same markup, no clamp", "vanilla"];
    const samples = Object.fromEntries(names.map((name) => [name, { build: [], layout: [] }]));
    for (let round = 0; round < count + 2; round += 1) {
      for (const name of names.map((_, i) => names[(i + round) % names.length])) {
        const container = document.createElement("div");
        stage.appendChild(container);
        let table;
        if (name === "ours") {
          table = new bench.BenchTable(container);
          table.stage(rowsText);
        }
        if (name.endsWith("no clamp")) document.head.appendChild(unclamped);
        await settle();
        void container.offsetHeight;
        const started = performance.now();
        if (table) table.show();
        else if (name === "vanilla") vanillaTable(container, rows);
        else sameDomTable(container, rows);
        const built = performance.now();
        void container.offsetHeight;
        const laidOut = performance.now();
        if (container.querySelectorAll("tbody tr").length !== 1000) throw new Error(`${name}: rows`);
        if (round >= 2) {
          samples[name].build.push(built - started);
          samples[name].layout.push(laidOut - built);
        }
        if (round === 0 && name === "ours") samples.oursShape = shape(container.querySelector("tbody tr"));
        if (round === 0 && name === "same markup") samples.sameShape = shape(container.querySelector("tbody tr"));
        unclamped.remove();
        if (table) {
          table.unmount();
          table.free();
        }
        container.remove();
        await settle();
      }
    }
    if (samples.oursShape !== samples.sameShape) {
      throw new Error(`the plain JS markup no longer matches the component's: ${samples.sameShape} != ${samples.oursShape}`);
    }
    return samples;
  },

  /** Every one of 10,000 migrations: our listAll vs a sequential walk by rel="next", page_size 100. */
  async listAll({ api, token, count }) {
    const client = new ours.WaldurMigrationsClient({ baseUrl: api, auth: `Token ${token}` });
    const samples = await rounds(count, 1, {
      ours: async () => {
        const all = await client.listAll();
        if (all.items.length !== 10000) throw new Error(`ours: ${all.items.length}`);
      },
      sequential: async () => {
        let url = `${api}/api/openstack-migrations/?page_size=100`;
        const items = [];
        while (url) {
          const response = await fetch(url, { headers: { Authorization: `Token ${token}` } });
          items.push(...(await response.json()));
          const next = /<([^>]*)>;\s*rel="next"/.exec(response.headers.get("link") ?? "");
          url = next ? next[1] : null;
        }
        if (items.length !== 10000) throw new Error(`sequential: ${items.length}`);
      },
    });
    client.free();
    return samples;
  },

  /** JS heap and wasm memory after the 1st and the 20th mount / unmount of the list. */
  async memory({ api, token }) {
    const client = new bench.WaldurMigrationsClient({ baseUrl: api, auth: `Token ${token}` });
    const measure = async () => {
      for (let i = 0; i < 3; i += 1) {
        window.gc?.();
        await settle();
      }
      return { heap: performance.memory.usedJSHeapSize, wasm: benchWasm.memory.buffer.byteLength };
    };
    const cycle = async () => {
      const container = document.createElement("div");
      stage.appendChild(container);
      const handle = bench.mountMigrationList(container, { client, pageSize: 25 });
      for (let waited = 0; container.querySelectorAll("table.wm-table--cards:not(.wm-table--skeleton) tbody tr").length !== 25; waited += 10) {
        if (waited > 10000) throw new Error("list did not render");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      handle.unmount();
      handle.free();
      container.remove();
      await settle();
    };
    await cycle();
    const after1 = await measure();
    for (let i = 1; i < 20; i += 1) await cycle();
    const after20 = await measure();
    client.free();
    return { after1, after20, clientMemory: clientWasm.memory.buffer.byteLength };
  },
};
window.benchReady = true;
