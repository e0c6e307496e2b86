// app.js - Vigil's own script: govuk-frontend's components, the live dispatch board
// (server-sent events) and acknowledging briefings. No inline scripts anywhere: the
// Content-Security-Policy allows scripts from this server only.
import { initAll } from '/assets/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

const csrf = document.querySelector('meta[name="csrf-token"]')?.content

async function acknowledge (button) {
  const id = button.dataset.ack
  button.disabled = true
  const r = await fetch(`/api/incidents/${id}/receipt`, {
    method: 'POST',
    headers: { 'X-CSRF-Token': csrf, 'X-Purpose': 'dispatch: briefing read' },
    credentials: 'same-origin'
  })
  button.textContent = r.ok ? 'Acknowledged' : 'Could not acknowledge: try again'
  button.disabled = r.ok
}

document.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-ack]')
  if (b) acknowledge(b)
  // a password shown once: copied to the clipboard, said in words
  const c = e.target.closest('button[data-copy]')
  if (c) {
    const text = document.getElementById(c.dataset.copy)?.textContent ?? ''
    navigator.clipboard.writeText(text).then(() => { c.textContent = 'Copied' }, () => { c.textContent = 'Select the password and copy it' })
  }
})

// forms that a stray Enter must not send (the call form: Enter in the name field once
// recorded a half-typed call and sent it to dispatch): only the submit button sends them
document.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && e.target.matches('form[data-enter="no-submit"] input')) e.preventDefault()
})
// and their first field has the focus, ready for the caller's details
const firstForm = document.querySelector('form[data-enter="no-submit"]')
if (firstForm && !document.querySelector('.govuk-error-summary')) {
  firstForm.querySelector('input:not([type="hidden"]), select, textarea')?.focus()
}

// the dispatch board: the server sends an event when a call is recorded or an incident
// changes anywhere; the board then fetches its cards again (the same HTML the page was
// served with, so one renderer), keeping the focus and anything being typed
const board = document.getElementById('board')
if (board) {
  const status = document.getElementById('queue-status')
  let pending = false // a change came while the board could not be refreshed
  let busy = false
  let stopped = false
  let retry = 2000
  // something typed on a card (a unit's call sign) is never thrown away: while any field
  // on the board holds text, the refresh waits until it is emptied or its form is sent
  const typing = () => [...board.querySelectorAll('input[type="text"]')].some((el) => el.value)
  const refresh = async () => {
    if (stopped) return
    if (busy || typing()) { pending = true; return }
    busy = true
    pending = false
    let failed = false
    try {
      const r = await fetch(board.dataset.src, { credentials: 'same-origin', redirect: 'manual', headers: { 'X-Purpose': 'dispatch board' } })
      if (r.type === 'opaqueredirect' || r.status === 401 || r.status === 403) {
        stopped = true // signed out, or no longer allowed: the page itself says why on reload
        status.textContent = 'The board is no longer live: reload the page (you may need to sign in again).'
        source.close()
        return
      }
      if (!r.ok) throw new Error(r.statusText || String(r.status))
      const html = await r.text()
      if (typing()) { pending = true; return }
      const focused = document.activeElement?.id
      board.innerHTML = html
      board.dataset.updated = String(Date.now())
      if (focused) document.getElementById(focused)?.focus()
      status.textContent = `Live: updated ${new Date().toTimeString().slice(0, 8)}.`
      retry = 2000
    } catch (err) {
      status.textContent = `Could not refresh the board (${err.message}); trying again.`
      failed = true
    } finally {
      busy = false
      if (failed) {
        setTimeout(refresh, retry)
        retry = Math.min(retry * 2, 60000)
      } else if (pending && !typing()) {
        setTimeout(refresh, 0)
      }
    }
  }
  board.addEventListener('input', () => { if (pending && !typing()) refresh() })
  const source = new EventSource(board.dataset.stream)
  source.addEventListener('open', () => { if (!stopped) status.textContent = 'Live: new calls and changes appear as they happen.' })
  source.addEventListener('error', () => { if (!stopped) status.textContent = 'Reconnecting to the live queue...' })
  source.addEventListener('incident', refresh)
  source.addEventListener('state', refresh)
}

// the analyst's map: incidents and the hotspot grid on a plain background (no tiles
// from anywhere), with the same figures as text below it
const mapEl = document.getElementById('map')
if (mapEl && window.L) {
  const L = window.L
  const summary = document.getElementById('map-summary')
  const colours = {
    crime: '#d4351c', asb_personal: '#f47738', asb_nuisance: '#ffdd00', asb_environmental: '#00703c',
    public_safety: '#1d70b8', transport: '#4c2c92', admin: '#505a5f'
  }
  const label = (c) => c.replaceAll('_', ' ')
  fetch(mapEl.dataset.src, { credentials: 'same-origin' }).then(async (r) => {
    if (!r.ok) throw new Error((await r.json()).message || r.statusText)
    return r.json()
  }).then((d) => {
    const map = L.map(mapEl, { preferCanvas: true, attributionControl: false, zoomSnap: 0.25 })
    const cells = L.layerGroup().addTo(map)
    for (const [s, w, n, e, count] of d.cells) {
      const t = count / Math.max(1, d.max_count)
      L.rectangle([[s, w], [n, e]], {
        stroke: false, fillColor: '#d4351c', fillOpacity: 0.1 + 0.6 * t, interactive: false
      }).addTo(cells)
    }
    // the outlines of the areas: around their recorded addresses (no official boundaries held)
    const outlines = L.layerGroup().addTo(map)
    for (const o of d.outlines || []) {
      L.polygon(o.points, { color: '#0b0c0c', weight: 2, fill: false, interactive: false }).addTo(outlines)
    }
    // the incidents as points when zoomed in, as the shaded grid (every incident counted) when zoomed out
    // an address typed in a call that is not in the address base sits at its postcode's
    // centre: drawn as a ring, not a dot, and said in the legend
    const points = L.layerGroup()
    let centred = 0
    for (const [lat, lon, cat, atCentre] of d.points) {
      if (atCentre) {
        centred++
        L.circleMarker([lat, lon], { radius: 4, weight: 2, fill: false, color: colours[cat] || '#0b0c0c' })
          .bindTooltip('Placed at its postcode\'s centre: the address is not in the address base').addTo(points)
      } else {
        L.circleMarker([lat, lon], { radius: 2.5, weight: 0, fillOpacity: 0.8, fillColor: colours[cat] || '#0b0c0c' }).addTo(points)
      }
    }
    const showPoints = () => {
      if (map.getZoom() >= 13) points.addTo(map)
      else points.remove()
    }
    map.on('zoomend', showPoints)
    L.control.layers(null, { 'Area outlines': outlines, 'Hotspot grid': cells }, { collapsed: false }).addTo(map)
    // the legend: what each colour and the shading mean, with the counts
    const legend = L.control({ position: 'bottomright' })
    legend.onAdd = () => {
      const div = L.DomUtil.create('div', 'vg-legend')
      const h = document.createElement('p')
      h.textContent = `Shading: incidents per ${d.cell_m} m square (all ${d.total.toLocaleString('en-GB')}); zoom in for points`
      div.append(h)
      for (const [c, n] of Object.entries(d.by_category)) {
        const row = document.createElement('p')
        const sw = document.createElement('span')
        sw.className = 'vg-legend__swatch'
        sw.style.background = colours[c] || '#0b0c0c'
        row.append(sw, ` ${label(c)}: ${n.toLocaleString('en-GB')}`)
        div.append(row)
      }
      if (centred) {
        const row = document.createElement('p')
        row.id = 'legend-centred'
        const sw = document.createElement('span')
        sw.className = 'vg-legend__swatch vg-legend__swatch--ring'
        row.append(sw, ` Rings: ${centred.toLocaleString('en-GB')} placed at their postcode's centre (not in the address base)`)
        div.append(row)
      }
      return div
    }
    legend.addTo(map)
    if (d.points.length) {
      map.fitBounds(d.points.map(([lat, lon]) => [lat, lon]), { padding: [12, 12] })
    } else {
      map.setView([51.06, -1.31], 10)
    }
    showPoints()
    // the text alternative: totals and the busiest cells
    summary.replaceChildren()
    const p = document.createElement('p')
    p.className = 'govuk-body'
    p.textContent = `${d.total.toLocaleString('en-GB')} incidents with a position, every one counted in the grid` +
      `${d.truncated ? ` (zoomed in, one in every ${d.point_step} is drawn as a point)` : ''}; ` +
      Object.entries(d.by_category).map(([c, n]) => `${label(c)} ${n.toLocaleString('en-GB')}`).join(', ') + '.' +
      (d.outlines?.length ? ` Outlined: ${d.outlines.map((o) => o.name).join(', ')} (around the recorded addresses).` : '')
    summary.append(p)
    const top = [...d.cells].sort((a, b) => b[4] - a[4]).slice(0, 10)
    if (top.length) {
      const table = document.createElement('table')
      table.className = 'govuk-table'
      table.innerHTML = '<caption class="govuk-table__caption govuk-table__caption--m">The busiest grid cells</caption>' +
        '<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Centre (latitude, longitude)</th>' +
        '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Incidents</th></tr></thead>'
      const body = document.createElement('tbody')
      body.className = 'govuk-table__body'
      for (const [s, w, n, e, count] of top) {
        const tr = document.createElement('tr')
        tr.className = 'govuk-table__row'
        const a = document.createElement('td')
        a.className = 'govuk-table__cell'
        a.textContent = `${((s + n) / 2).toFixed(4)}, ${((w + e) / 2).toFixed(4)}`
        const b = document.createElement('td')
        b.className = 'govuk-table__cell govuk-table__cell--numeric'
        b.textContent = count.toLocaleString('en-GB')
        tr.append(a, b)
        body.append(tr)
      }
      table.append(body)
      summary.append(table)
    }
    mapEl.dataset.ready = 'true'
  }).catch((err) => {
    summary.replaceChildren()
    const p = document.createElement('p')
    p.className = 'govuk-body'
    p.textContent = `The map could not be drawn: ${err.message}`
    summary.append(p)
  })
}
