// app.js - Vigil's own script: govuk-frontend's components, the live dispatch queue
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
})

// the dispatch queue: each new incident's briefing, newest first
const queue = document.getElementById('queue')
if (queue) {
  const status = document.getElementById('queue-status')
  const text = (tag, cls, s) => {
    const el = document.createElement(tag)
    if (cls) el.className = cls
    el.textContent = s
    return el
  }
  const source = new EventSource(queue.dataset.stream)
  source.addEventListener('open', () => { status.textContent = 'Live: new calls appear below as they are recorded.' })
  source.addEventListener('error', () => { status.textContent = 'Reconnecting to the live queue...' })
  source.addEventListener('incident', (ev) => {
    const b = JSON.parse(ev.data)
    const item = document.createElement('section')
    item.className = 'vg-queue__item vg-queue__item--new'
    item.setAttribute('aria-label', `Incident ${b.incident_id}`)
    const h = document.createElement('h2')
    h.className = 'govuk-heading-s'
    const a = document.createElement('a')
    a.className = 'govuk-link'
    a.href = `/incidents/${b.incident_id}`
    a.textContent = `Incident ${b.incident_id}: ${b.category.replaceAll('_', ' ')}, received ${b.received.slice(11, 16)} UTC`
    h.append(a)
    item.append(h)
    for (const p of b.people || []) {
      const who = p.matched || p.best_candidate
      const name = who ? `${who.given_names} ${who.family_name}` : `person ${p.person_id}`
      item.append(text('p', 'govuk-body', `${p.role}: ${name}${p.new_person ? ' (new record)' : ''}`))
      if (p.repeat_victim) item.append(text('strong', 'vg-flag', 'Repeat victim'))
      if (p.vulnerable) item.append(text('strong', 'vg-flag', 'Vulnerable'))
      if (p.reasons?.length) {
        const ul = document.createElement('ul')
        ul.className = 'govuk-list govuk-list--bullet'
        for (const r of p.reasons) ul.append(text('li', null, r))
        item.append(ul)
      }
    }
    if (b.location?.repeat_location) item.append(text('strong', 'vg-flag vg-flag--warning', 'Repeat location'))
    const ack = text('button', 'govuk-button govuk-button--secondary', 'Acknowledge the briefing')
    ack.type = 'button'
    ack.dataset.ack = b.incident_id
    const p = document.createElement('p')
    p.append(ack)
    item.append(p)
    queue.prepend(item)
  })
}
