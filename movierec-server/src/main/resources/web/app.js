// movierec web page: plain JavaScript over the JSON API (see /openapi.json).
"use strict";
const state = { user: null, token: null, ratings: new Map(), scale: { min: 1, max: 5, step: 1 } };
const $ = (id) => document.getElementById(id);

async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (state.token) headers["Authorization"] = "Bearer " + state.token;
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  const json = text ? JSON.parse(text) : null;
  if (!r.ok) {
    showError(json && json.error ? json.error : "request failed: " + r.status);
    throw new Error(json && json.error);
  }
  return json;
}

function showError(msg) {
  const e = $("error");
  e.textContent = msg;
  e.hidden = false;
  setTimeout(() => { e.hidden = true; }, 5000);
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

/** Star buttons: one button per star, keyboard usable (Tab to reach, Enter/Space to rate, arrows to move). */
function stars(movie) {
  const box = el("span", { class: "stars", role: "group", "aria-label": "Rate " + movie.title });
  const current = state.ratings.get(movie.movieId) || 0;
  for (let s = state.scale.min; s <= state.scale.max; s += state.scale.step) {
    const b = el("button", {
      type: "button", class: s <= current ? "on star" : "star", "data-stars": String(s),
      "aria-label": s + " star" + (s === 1 ? "" : "s") + " for " + movie.title,
      "aria-pressed": String(s === current),
    }, "★");
    b.addEventListener("click", () => rate(movie, s));
    b.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowRight" && b.nextSibling) b.nextSibling.focus();
      if (ev.key === "ArrowLeft" && b.previousSibling) b.previousSibling.focus();
    });
    box.append(b);
  }
  return box;
}

function movieItem(m, extra) {
  const li = el("li", { class: "movie", "data-movie-id": String(m.movieId) },
    el("span", { class: "title" }, m.title), stars(m),
    el("button", { type: "button", class: "link similar-link", onclick: () => similar(m) }, "similar"));
  if (extra) li.append(extra);
  return li;
}

async function ensureUser(genres) {
  if (state.user) return;
  const u = await api("POST", "/api/users", { name: "web", genres: genres || [] });
  state.user = u.userId;
  state.token = u.token;
  localStorage.setItem("movierec.user", JSON.stringify({ user: u.userId, token: u.token }));
  $("who").textContent = "You are user " + u.userId + ".";
}

async function rate(movie, stars) {
  await ensureUser(selectedGenres());
  await api("PUT", "/api/users/" + state.user + "/ratings/" + movie.movieId, { rating: stars });
  state.ratings.set(movie.movieId, stars);
  document.querySelectorAll('[data-movie-id="' + movie.movieId + '"] .stars').forEach((box) => {
    box.querySelectorAll("button").forEach((b) => {
      const s = Number(b.dataset.stars);
      b.className = s <= stars ? "on star" : "star";
      b.setAttribute("aria-pressed", String(s === stars));
    });
  });
  await Promise.all([refresh(), myRatings()]);
}

function selectedGenres() {
  return [...document.querySelectorAll("#genres input:checked")].map((c) => c.value);
}

async function refresh() {
  let res;
  if (state.user) {
    res = await api("GET", "/api/users/" + state.user + "/recommendations?k=10");
  } else {
    res = await api("POST", "/api/recommendations", { k: 10, genres: selectedGenres() });
  }
  $("strategy").textContent = "(" + res.strategy + ", model " + res.modelVersion + ")";
  const list = $("recs");
  list.replaceChildren(...res.recommendations.map((m) => {
    const li = movieItem(m, el("span", { class: "reason" }, m.reason));
    li.classList.add("rec");
    return li;
  }));
}

async function myRatings() {
  if (!state.user) return;
  const r = await api("GET", "/api/users/" + state.user + "/ratings");
  state.ratings = new Map(r.ratings.map((x) => [x.movieId, x.rating]));
  $("ratings").replaceChildren(...r.ratings.map((x) => movieItem(x)));
}

async function similar(m) {
  const r = await api("GET", "/api/movies/" + m.movieId + "/similar?k=10");
  $("similar-of").textContent = m.title;
  $("similar").replaceChildren(...r.similar.map((x) => movieItem(x)));
  $("similar-box").hidden = false;
}

let searchTimer = null;
async function search(q) {
  if (!q.trim()) { $("results").replaceChildren(); return; }
  const r = await api("GET", "/api/movies/search?limit=10&q=" + encodeURIComponent(q));
  $("results").replaceChildren(...r.movies.map((m) => movieItem(m,
    el("span", { class: "reason" }, [m.year, m.genres.join(", ")].filter(Boolean).join(" · ")))));
}

async function init() {
  const model = await api("GET", "/api/model");
  state.scale = model.ratingScale;
  const v = model.validation || {};
  const evalText = Object.keys(v).length ? " · validation " + Object.entries(v).map(([k, x]) => k + " " + x.toFixed(4)).join(", ") : "";
  $("model").textContent = "Model " + model.modelVersion + ": " + model.algorithm + " trained on " + model.dataset
    + " (" + model.movies + " movies, " + model.ratings + " ratings)" + evalText;
  const g = await api("GET", "/api/genres");
  $("genres").replaceChildren(...g.genres.map((name) => el("label", {},
    el("input", { type: "checkbox", value: name, onchange: () => { if (!state.user) refresh(); } }), " " + name)));
  const saved = localStorage.getItem("movierec.user");
  if (saved) {
    const s = JSON.parse(saved);
    state.user = s.user;
    state.token = s.token;
    $("who").textContent = "You are user " + s.user + ".";
    try { await myRatings(); } catch (e) { state.user = null; state.token = null; localStorage.removeItem("movierec.user"); }
  }
  $("search").addEventListener("input", (ev) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => search(ev.target.value), 150);
  });
  await refresh();
  document.body.dataset.ready = "true";
}

init().catch((e) => showError(String(e.message || e)));
