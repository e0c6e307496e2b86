// Browser tests of the web UI: Debian's Chromium driven by playwright-core against a real
// `vigil serve` on a small synthetic store. Every role signs in and does its main task
// with the keyboard alone; axe-core finds no serious or critical WCAG 2.2 AA problem on
// any page; a partner cannot reach a police page by typing its address.
// usage: node --test tests/browser/ui.test.mjs   (VIGIL=path/to/vigil, CHROMIUM=...)
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(resolve('web/package.json'))
const { chromium } = require('playwright-core')
const { default: AxeBuilder } = await import(require.resolve('@axe-core/playwright'))

const vigil = resolve(process.env.VIGIL || 'build/vigil')
const shots = process.env.VIGIL_SCREENSHOTS // where to put the README's screenshots, if set
const dir = mkdtempSync(join(tmpdir(), 'vigil-ui-'))
// SQLite in the folder, or with VIGIL_TEST_PG (tests/pg/run.sh) a PostgreSQL database of its own
const db = process.env.VIGIL_TEST_PG ? `postgresql:///ui_${process.pid}?${process.env.VIGIL_TEST_PG}` : join(dir, 'ui.db')
const PASSWORD = 'browser test password'
let server, base, browser, caseId, draftOfCall
// a browser in the UK: its date picker reads dd/mm/yyyy
const UK = { locale: 'en-GB', timezoneId: 'Europe/London' }
// a date field as a browser without a date picker shows it: a plain text field
const noPicker = (page, sel) => page.$eval(sel, (e) => { e.type = 'text' })

// one API call as a user (bearer token)
async function api (user, method, path, body) {
  const login = await fetch(base + '/api/session', { method: 'POST', body: JSON.stringify({ username: user, password: PASSWORD }) })
  const { token } = await login.json()
  const r = await fetch(base + path, { method, headers: { Authorization: `Bearer ${token}` }, body: body && JSON.stringify(body) })
  assert.ok(r.ok, `${method} ${path} as ${user}: ${r.status} ${await r.clone().text()}`)
  return r.json()
}

const users = [
  ['ch', 'call_handler', 'force'], ['ro', 'response_officer', 'force'], ['inv', 'investigator', 'force'],
  ['sup', 'supervisor', 'force'], ['vc', 'victim_care', 'force'], ['an', 'analyst', 'force'],
  ['adm', 'force_admin', 'force'], ['adm2', 'force_admin', 'force'], ['aud', 'auditor', 'force'],
  ['pp', 'partner_practitioner', 'la-ui'], ['pm', 'partner_manager', 'la-ui'], ['dq', 'data_quality', 'force'],
  ['dsp', 'dispatcher', 'force']
]
// the first page each role lands on
const home = {
  call_handler: 'New call', response_officer: 'New call', investigator: 'New call', supervisor: 'Review queue',
  victim_care: 'Victims', analyst: 'Incidents and hotspots', force_admin: 'Users and agencies', auditor: 'Audit log',
  partner_practitioner: 'Safety net', partner_manager: 'Safety net', data_quality: 'Persons to check',
  dispatcher: 'Dispatch board'
}

function run (...args) {
  return execFileSync(vigil, [...args, '--db', db], { encoding: 'utf8' })
}

function isoDaysAgo (days) {
  return new Date(Date.now() - days * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z')
}

before(async () => {
  run('init', '-q')
  run('synth', '-q', '--scale', '0.01', '--to', '2014-06') // the synthetic force's year, as the pages below expect
  run('match', 'resolve') // its records into persons, and the pairs the matching is unsure of
  run('agency', 'add', 'la-ui', '--name', 'UI Test Council', '--kind', 'local_authority')
  run('agency', 'add', 'la-two', '--name', 'Second Test Council', '--kind', 'local_authority')
  // an account the administrator's test changes (no other test signs in with it)
  execFileSync(vigil, ['user', 'add', 'casey', '--role', 'partner_practitioner', '--agency', 'la-ui', '--password-stdin', '--db', db],
    { input: PASSWORD + '\n' })
  for (const [name, role, agency] of users) {
    execFileSync(vigil, ['user', 'add', name, '--role', role, '--agency', agency, '--password-stdin', '--db', db],
      { input: PASSWORD + '\n' })
  }
  // a victim of two burglaries this year: the third call makes her a repeat victim
  for (const days of [60, 20]) {
    const call = join(dir, `call${days}.json`)
    writeFileSync(call, JSON.stringify({
      received: isoDaysAgo(days), category: 'crime', offence_code: '28E', channel: '999',
      people: [{ role: 'victim', given_names: 'Imogen', family_name: 'Fairweather', dob: '1979-03-14', phone: '07700 900123' }]
    }))
    run('incident', 'add', call)
  }
  server = spawn(vigil, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] })
  base = await new Promise((resolve, reject) => {
    let out = ''
    server.stdout.on('data', (d) => {
      out += d
      const m = out.match(/listening on port (\d+)/)
      if (m) resolve(`http://127.0.0.1:${m[1]}`)
    })
    server.on('exit', (code) => reject(new Error(`vigil serve exited (${code})`)))
  })
  // a safety-net case owned by the force, shared with the council (summary and actions)
  const inv = await api('inv', 'POST', '/api/cases', {
    title: 'Household at 3 Low Road', subject_kind: 'household', summary: 'Repeated ASB against an older resident',
    risk: 'Isolated; mobility problems', actions: 'Joint visit; noise monitoring'
  })
  caseId = inv.id
  await api('sup', 'POST', `/api/cases/${caseId}/shares`, {
    agency: 'la-ui', fields: ['summary', 'actions'], gateway: 'Crime and Disorder Act 1998 s.115',
    purpose: 'joint problem solving'
  })
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] })
})

after(async () => {
  await browser?.close()
  if (server) {
    server.kill('SIGTERM')
    await new Promise((resolve) => server.on('exit', resolve))
  }
  rmSync(dir, { recursive: true, force: true })
})

// axe-core on the page as it is: no serious or critical WCAG 2.2 A/AA violation
async function accessible (page, what) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), [],
    `accessibility problems on ${what}`)
}

// signs in with the keyboard alone: the username field has the focus
async function signIn (name, path = '/') {
  const context = await browser.newContext(UK)
  const page = await context.newPage()
  await page.goto(base + path)
  await accessible(page, 'the sign-in page')
  await page.keyboard.type(name)
  await page.keyboard.press('Tab')
  await page.keyboard.type(PASSWORD)
  await page.keyboard.press('Enter')
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  await page.waitForLoadState('load')
  return page
}

async function heading (page) {
  return (await page.locator('h1').textContent()).trim()
}

// Tab until the element matching selector has the focus (a keyboard user's way there)
async function tabTo (page, selector, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return
  }
  throw new Error(`${selector} cannot be reached with the Tab key`)
}

test('every role signs in to its start page, which passes axe', async () => {
  for (const [name, role] of users) {
    const page = await signIn(name)
    assert.equal(await heading(page), home[role], `${name} (${role}) lands on the wrong page`)
    await accessible(page, `${role}'s start page`)
    await page.context().close()
  }
})

test('a wrong password is refused with the reason, and no session', async () => {
  const context = await browser.newContext(UK)
  const page = await context.newPage()
  await page.goto(base + '/login')
  await page.keyboard.type('ch')
  await page.keyboard.press('Tab')
  await page.keyboard.type('not the password')
  await page.keyboard.press('Enter')
  await page.locator('.govuk-error-summary').waitFor()
  await page.waitForLoadState('load')
  assert.match(await page.locator('.govuk-error-summary').textContent(), /There is a problem/)
  assert.equal((await context.cookies()).filter((c) => c.name === 'vigil_session').length, 0)
  await accessible(page, 'the failed sign-in page')
  await context.close()
})

test('call handler: the briefing appears as the caller is typed, then the call is recorded', async () => {
  const page = await signIn('ch', '/calls/new')
  assert.equal(await heading(page), 'New call')
  await accessible(page, 'the new call form')
  // the category first (a crime), then the caller
  await tabTo(page, '#category')
  await page.keyboard.type('Crime') // a select: typing an option's label chooses it
  assert.equal(await page.inputValue('#category'), 'crime')
  await tabTo(page, '#given')
  await page.keyboard.type('Imogen')
  await page.keyboard.press('Tab')
  await page.keyboard.type('Fairweather')
  await page.keyboard.press('Tab')
  // the time from the last key to the briefing on screen (htmx's swap of the panel),
  // three times - the last digit of the date deleted and typed again: median under 100 ms
  await page.evaluate(() => {
    window.vgKeys = []
    window.vgSwaps = []
    document.addEventListener('keydown', () => window.vgKeys.push(performance.now()))
    document.body.addEventListener('htmx:afterSettle', (e) => {
      if (e.target.id === 'briefing') window.vgSwaps.push(performance.now())
    })
  })
  await page.keyboard.type('1979-03-14')
  const times = []
  for (let i = 0; i < 3; i++) {
    await page.locator('#briefing .vg-flag', { hasText: 'Repeat victim' }).waitFor({ timeout: 5000 })
    await page.waitForTimeout(300) /* typing has stopped; every answer is in */
    times.push(await page.evaluate(() => {
      const last = window.vgKeys[window.vgKeys.length - 1]
      const swap = window.vgSwaps.find((t) => t > last)
      return swap === undefined ? Infinity : Math.round(swap - last)
    }))
    await page.keyboard.press('Backspace')
    await page.keyboard.type('4')
  }
  await page.locator('#briefing .vg-flag', { hasText: 'Repeat victim' }).waitFor({ timeout: 5000 })
  times.sort((a, b) => a - b)
  console.log(`briefing on screen ${times.join(', ')} ms after the last key`)
  assert.ok(times[1] < 100, `the briefing took ${times[1]} ms (median) after typing stopped`)
  assert.match(await page.locator('#briefing').textContent(), /2 earlier victimisations/)
  // the person in words: how sure, and why, never a percentage
  const panel = await page.locator('#briefing').textContent()
  assert.match(panel, /Certain match; what is known comes from \d+ records? of this person/)
  assert.match(panel, /same family name; same given name; same date of birth/)
  assert.doesNotMatch(panel, /\d%/)
  await accessible(page, 'the form with its briefing')
  if (shots) {
    mkdirSync(shots, { recursive: true })
    await page.screenshot({ path: join(shots, 'call-handler-briefing.png'), fullPage: true })
  }
  // a residential burglary: the crime is recorded from the call, at her home
  await tabTo(page, '#offence_code')
  await page.keyboard.type('28E')
  await tabTo(page, '#postcode')
  await page.keyboard.type('IR4 7QT')
  await page.keyboard.press('Enter') // Enter in a text field never sends the call
  assert.match(page.url(), /\/calls\/new$/, 'Enter in the postcode field sent the call')
  draftOfCall = await page.inputValue('#draft') // the lookups of this draft are grouped in the log
  assert.match(draftOfCall, /^D-[a-z0-9]{12}$/)
  // who the caller is: the call handler's word, by keyboard (the first person found)
  await tabTo(page, 'input[name="person_choice"]')
  await page.keyboard.press('Space')
  assert.ok(await page.isChecked('#briefing input[name="person_choice"] >> nth=0'), 'the choice was not made')
  // THRIVE: the first radio is reached with Tab, the next with an arrow
  await tabTo(page, 'input[name="thrive"]')
  await page.keyboard.press('ArrowDown') // priority
  await tabTo(page, 'button[type="submit"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/incidents\/\d+$/)
  assert.match(await heading(page), /^Incident /)
  const body = await page.locator('main').textContent()
  assert.match(body, /Repeat victim/)
  assert.match(body, /Priority/)
  assert.match(body, /Log/)
  assert.match(body, /The crime recorded from it/)
  const incident = page.url().match(/\/incidents\/(\d+)$/)[1]
  const saved = await api('ch', 'GET', `/api/incidents/${incident}`)
  assert.match(JSON.stringify(saved), /"decided_by":"call handler: this person"/, 'the choice is not stored with the call')
  await accessible(page, 'the incident page')
  // the victim's record, with the incidents and crimes she was party to, newest first
  await tabTo(page, 'main a[href^="/persons/"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/persons\/\d+$/)
  assert.equal(await heading(page), 'Imogen Fairweather')
  assert.ok(await page.locator('main table tbody tr').count() >= 3, 'her history is not all there')
  await accessible(page, 'the person page')
  await page.context().close()
})

test('call handler: a bad offence code is named on the form, with what was typed kept', async () => {
  const page = await signIn('ch', '/calls/new')
  await page.selectOption('#category', 'crime')
  await page.fill('#offence_code', '99Z')
  await page.fill('#given', 'Nobody')
  await page.fill('#family', 'Atall')
  await page.check('#no_location')
  await page.check('#thrive-scheduled')
  await tabTo(page, 'button[type="submit"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(base + '/calls')
  await page.waitForLoadState('load')
  assert.match(await page.locator('.govuk-error-summary').textContent(), /Home Office offence code/)
  assert.equal(await page.inputValue('#family'), 'Atall', 'what was typed is kept')
  await accessible(page, 'the form with an error')
  await page.context().close()
})

test('call handler: no call goes without its category, place and grade; what was typed is kept', async () => {
  const page = await signIn('ch', '/calls/new')
  // the first field has the focus, ready for the caller's details
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'role')
  await page.fill('#given', 'Halfway')
  await page.fill('#family', 'Typed')
  await page.focus('#family')
  await page.keyboard.press('Enter')
  await page.waitForTimeout(300)
  assert.match(page.url(), /\/calls\/new$/, 'Enter in the name field sent the call')
  const expect = async (field, words) => {
    await tabTo(page, 'button[type="submit"]')
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]) /* the next page, not this one */
    assert.equal(page.url(), base + '/calls')
    const summary = await page.locator('.govuk-error-summary').textContent()
    assert.match(summary, words)
    assert.equal(await page.locator(`.govuk-error-summary a[href="#${field}"]`).count(), 1, `the error does not link to ${field}`)
    assert.equal(await page.inputValue('#family'), 'Typed', 'what was typed is kept')
    if (field !== 'thrive-immediate') { // beside its field too, in words without the field's internal name
      const beside = await page.locator(`#${field}`).locator('xpath=..').locator('.govuk-error-message').textContent()
      assert.match(beside, words)
      assert.doesNotMatch(beside, new RegExp(`${field}:`))
    }
  }
  await expect('category', /choose what the call is about/)
  await page.selectOption('#category', 'asb_nuisance')
  await expect('address', /give where it happened/)
  assert.equal(await page.inputValue('#category'), 'asb_nuisance')
  await page.fill('#address', '3 Mill Lane')
  await expect('thrive-immediate', /choose the THRIVE grade/)
  assert.equal(await page.inputValue('#address'), '3 Mill Lane')
  await accessible(page, 'the call form with a problem named')
  await page.check('#thrive-scheduled')
  await tabTo(page, 'button[type="submit"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/incidents\/\d+$/)
  assert.match(await heading(page), /^Incident VG-/)
  await page.context().close()
})

test('call handler: the briefing stays in view beside the form, and above the button on a narrow screen', async () => {
  const page = await signIn('ch', '/calls/new')
  await page.setViewportSize({ width: 1280, height: 600 })
  await page.fill('#given', 'Imogen')
  await page.fill('#family', 'Fairweather')
  await page.locator('#briefing', { hasText: 'Fairweather' }).waitFor({ timeout: 5000 })
  const scrollable = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight + 100)
  assert.ok(scrollable, 'the form fits the window: nothing to show')
  await page.locator('button[form="call"]').scrollIntoViewIfNeeded() // down to the grade and the button
  const wide = await page.locator('.vg-call__briefing h2').boundingBox()
  assert.ok(wide.y >= 0 && wide.y < 600, `the briefing scrolled out of view (top at ${wide.y})`)
  await page.setViewportSize({ width: 320, height: 640 })
  const br = await page.locator('.vg-call__briefing').boundingBox()
  const sb = await page.locator('button[form="call"]').boundingBox()
  assert.ok(br.y + br.height <= sb.y, 'at 320 px the briefing is not above the submit button')
  assert.ok(br.width <= 320, 'the briefing is wider than the screen')
  if (shots) await page.screenshot({ path: join(shots, 'call-320.png'), fullPage: true })
  await page.context().close()
})

test('at 320 px no page scrolls sideways: tables scroll in their own box (WCAG 2.2 reflow)', async () => {
  const pages = {
    ch: ['/calls/new', '/incidents', '/incidents/1', '/persons/1'],
    sup: ['/review', '/victims', '/queue'],
    an: ['/map', '/tasking', '/reports/performance?source=records&to=2014-06'],
    aud: ['/audit'],
    adm: ['/admin', '/admin/users', '/admin/users/ch'],
    dq: ['/persons/review'],
    pm: ['/cases', `/cases/${caseId}`, '/actions'],
    dsp: ['/queue'],
    inv: ['/crimes', '/incidents?vulnerable=1', '/cases/new']
  }
  for (const [user, paths] of Object.entries(pages)) {
    const page = await signIn(user)
    await page.setViewportSize({ width: 320, height: 640 })
    for (const path of paths) {
      await page.goto(base + path)
      await page.waitForLoadState('load')
      if (path === '/calls/new') { // with the briefing's table of the closest people
        await page.fill('#given', 'Imogen')
        await page.fill('#family', 'Fairweather')
        await page.locator('#briefing table').waitFor({ timeout: 5000 })
      }
      const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth])
      assert.ok(scroll <= inner, `${path} as ${user} scrolls sideways at 320 px (${scroll} px wide)`)
    }
    await page.context().close()
  }
})

test('dispatcher: a graded call arrives live on every board, is assigned, and its state survives a reload', async () => {
  const d = await signIn('dsp')
  assert.equal(await heading(d), 'Dispatch board')
  await d.locator('#queue-status', { hasText: 'Live' }).waitFor({ timeout: 5000 })
  await accessible(d, 'the dispatch board')
  const sup = await signIn('sup', '/queue') // a second board, open at the same time
  await sup.locator('#queue-status', { hasText: 'Live' }).waitFor({ timeout: 5000 })
  // a call not graded yet stays off the board; once graded it arrives without a reload
  const call = await api('ch', 'POST', '/api/incidents', {
    received: isoDaysAgo(0), category: 'crime', offence_code: '28E', description: 'Shed broken into, tools taken',
    location: { address: '7 Orchard Way', postcode: 'WX12 3AB' },
    people: [{ role: 'victim', given_names: 'Imogen', family_name: 'Fairweather', dob: '1979-03-14' }]
  })
  const id = call[0]?.incident_id ?? call.incident_id
  await d.waitForTimeout(600)
  assert.equal(await d.locator(`#incident-${id}`).count(), 0, 'a call not graded is on the board')
  await api('ch', 'POST', `/api/incidents/${id}/log`, { kind: 'grade', thrive: 'priority', text: 'victim at home, suspect gone' })
  const card = d.locator(`#incident-${id}`)
  await card.waitFor({ timeout: 5000 })
  const text = await card.textContent()
  for (const want of [/Priority/, /7 Orchard Way/, /Imogen Fairweather/, /Repeat victim/, /Awaiting a unit/, /Not acknowledged/]) {
    assert.match(text, want)
  }
  assert.doesNotMatch(text, /person \d+|record \d+/, 'the card shows record ids')
  await accessible(d, 'the board with a card')
  // the officer field offers the force's response officers by name (a call sign can still be typed)
  assert.equal(await d.locator(`#unit-${id}`).getAttribute('list'), 'officers')
  assert.equal(await d.locator('datalist#officers option[value="ro"]').count(), 1, 'the response officer is not offered')
  if (shots) await d.screenshot({ path: join(shots, 'dispatch-board.png'), fullPage: true })
  // the supervisor starts typing a call sign on their board: a change elsewhere never
  // throws away what is being typed (the board refreshes once the field is emptied)
  await sup.locator(`#incident-${id}`).waitFor({ timeout: 5000 })
  await sup.fill(`#unit-${id}`, 'Charlie 7')
  // the dispatcher assigns a unit with the keyboard: the card says so on both boards
  await tabTo(d, `#unit-${id}`)
  await d.keyboard.type('Bravo 21')
  await Promise.all([d.waitForURL(/\/queue/), d.keyboard.press('Enter')])
  await d.waitForLoadState('load')
  await d.locator(`#incident-${id}`, { hasText: 'Assigned: Bravo 21' }).waitFor({ timeout: 5000 })
  assert.match(await d.locator(`#incident-${id}`).textContent(), /Acknowledged by dsp/)
  await sup.waitForTimeout(800)
  assert.equal(await sup.inputValue(`#unit-${id}`), 'Charlie 7', 'a refresh threw away what was being typed')
  await sup.fill(`#unit-${id}`, '')
  await sup.locator(`#incident-${id}`, { hasText: 'Assigned: Bravo 21' }).waitFor({ timeout: 5000 })
  // the state is in the store: a reload shows it
  await d.reload()
  await d.locator(`#incident-${id}`, { hasText: 'Assigned: Bravo 21' }).waitFor({ timeout: 5000 })
  await d.locator(`#incident-${id} button`, { hasText: 'At scene' }).click()
  await d.locator(`#incident-${id}`, { hasText: 'At scene: Bravo 21' }).waitFor({ timeout: 5000 })
  // an empty unit is refused on the card, which keeps its place
  await d.fill(`#unit-${id}`, '   ')
  await Promise.all([d.waitForEvent('load'), d.press(`#unit-${id}`, 'Enter')])
  assert.match(await d.locator(`#incident-${id} .govuk-error-summary`).textContent(), /name the officer or unit/)
  await accessible(d, 'the board with a refused assignment')
  // the incident: an update, a re-grade without a reason (refused, the choice kept), a close
  await d.goto(`${base}/incidents/${id}`)
  await Promise.all([d.waitForEvent('load'), d.click('button:has-text("Add the update")')]) // nothing written: said beside it
  assert.match(await d.locator('#update-text').locator('xpath=..').locator('.govuk-error-message').textContent(), /say what was learnt or done/)
  await d.fill('#update-text', 'Officer reports the shed door forced with a bar')
  await Promise.all([d.waitForEvent('load'), d.click('button:has-text("Add the update")')])
  assert.match(await d.locator('main table').first().textContent(), /Officer reports the shed door forced/)
  await d.click('summary:has-text("Re-grade")')
  await d.selectOption('#grade-thrive', 'scheduled')
  await Promise.all([d.waitForEvent('load'), d.click('button:has-text("Re-grade")')])
  assert.match(await d.locator('.govuk-error-summary').textContent(), /say why the grade changes/)
  assert.equal(await d.inputValue('#grade-thrive'), 'scheduled', 'the chosen grade is kept')
  await d.fill('#grade-text', 'suspect left an hour ago')
  await Promise.all([d.waitForEvent('load'), d.click('button:has-text("Re-grade")')])
  assert.match(await d.locator('main table').first().textContent(), /Re-graded from Priority to Scheduled/)
  await accessible(d, 'the incident with its log')
  if (shots) await d.screenshot({ path: join(shots, 'incident-log.png'), fullPage: true })
  await d.click('summary:has-text("Close the incident")')
  await d.selectOption('#close-code', 'crime_recorded')
  await Promise.all([d.waitForEvent('load'), d.click('button:has-text("Close the incident")')])
  assert.match(await d.locator('main dl').textContent(), /Closed: Crime recorded/)
  await sup.locator(`#incident-${id}`).waitFor({ state: 'detached', timeout: 5000 })
  await d.context().close()
  await sup.context().close()
})

test('investigator: the search box finds a person though misspelt, and a place with its incidents', async () => {
  const page = await signIn('inv', '/incidents')
  await page.fill('#vg-q', 'Imogen Fairwether 14/03/1979')
  await Promise.all([page.waitForURL(/\/search\?q=/), page.press('#vg-q', 'Enter')])
  assert.equal(await heading(page), 'Search')
  assert.equal(await page.inputValue('#vg-q'), 'Imogen Fairwether 14/03/1979', 'the box keeps what was searched for')
  const first = page.locator('#results-persons a').first()
  assert.match(await first.textContent(), /Imogen Fairweather/)
  assert.match(await page.locator('#results-persons li').first().textContent(), /born 14 Mar 1979: certain match/)
  await accessible(page, 'the search results')
  if (shots) await page.screenshot({ path: join(shots, 'search.png'), fullPage: true })
  await Promise.all([page.waitForURL(/\/persons\/\d+$/), first.click()])
  assert.equal(await heading(page), 'Imogen Fairweather')
  // a place by house number and street (the call handler's call to 3 Mill Lane)
  await page.fill('#vg-q', '3 mill lane')
  await Promise.all([page.waitForURL(/\/search\?q=/), page.press('#vg-q', 'Enter')])
  const place = page.locator('#results-places a').first()
  assert.match(await place.textContent(), /3 Mill Lane/)
  await Promise.all([page.waitForURL(/\/locations\/\d+$/), place.click()])
  assert.match(await heading(page), /3 Mill Lane/)
  assert.ok(await page.locator('main a[href^="/incidents/"]').count() >= 1, 'the place lists no incident')
  assert.match(await page.locator('#position').textContent(), /On the map at|Not on the map/)
  await accessible(page, 'a place')
  // nothing to search on is said in words, on the same page
  await page.fill('#vg-q', '   ')
  await Promise.all([page.waitForURL(/\/search\?q=/), page.press('#vg-q', 'Enter')])
  assert.match(await page.locator('.govuk-error-summary').textContent(), /type a name/)
  await page.context().close()
})

test('investigator: a person\'s whole history, page by page, sorted and downloaded', async () => {
  const page = await signIn('inv', '/incidents')
  await page.fill('#vg-q', 'Imogen Fairweather 14/03/1979')
  await Promise.all([page.waitForURL(/\/search\?q=/), page.press('#vg-q', 'Enter')])
  await Promise.all([page.waitForURL(/\/persons\/\d+$/), page.locator('#results-persons a').first().click()])
  const person = page.url().match(/\/persons\/(\d+)$/)[1]
  const total = Number((await page.locator('h2', { hasText: 'History' }).textContent()).match(/\(([\d,]+)\)/)[1].replace(/,/g, ''))
  assert.ok(total > 0)
  await page.goto(`${base}/history?person=${person}&limit=2`)
  assert.equal(await heading(page), 'History')
  assert.match(await page.locator('#list-total').textContent(), new RegExp(`^${total.toLocaleString('en-GB')} records?`))
  assert.ok(await page.locator('#list-history tbody tr').count() <= 2)
  assert.equal(await page.locator(`a[href="/persons/${person}"]`).count(), 1, 'no way back to the person')
  await accessible(page, 'a person\'s history')
  // every record, as CSV: as many rows as the total
  const csv = await page.request.get(base + await page.locator('#list-csv').getAttribute('href'))
  assert.equal(csv.status(), 200)
  assert.equal((await csv.text()).trim().split('\r\n').length, total + 1)
  // a history of nobody is said, not an empty list
  await page.goto(`${base}/history?person=abc`)
  assert.match(await page.locator('.govuk-error-summary').textContent(), /not a person/)
  await page.context().close()
})

test('investigator: finds a recent incident, its crime and the people in it', async () => {
  const page = await signIn('inv', '/incidents')
  assert.equal(await heading(page), 'Incidents')
  await accessible(page, 'the incident list')
  await tabTo(page, 'main table a[href^="/incidents/"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/incidents\/\d+$/)
  await page.waitForLoadState('load')
  assert.match(await page.locator('main').textContent(), /Log/)
  if (await page.locator('main a[href^="/crimes/"]').count()) {
    await tabTo(page, 'main a[href^="/crimes/"]')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/crimes\/\d+$/)
    await page.waitForLoadState('load')
    assert.match(await page.locator('main').textContent(), /Supervisors' reviews/)
    await accessible(page, 'a crime')
  }
  await page.context().close()
})

test('auditor: searches the log and verifies the chain', async () => {
  const page = await signIn('aud')
  assert.equal(await heading(page), 'Audit log')
  assert.match(await page.locator('table').first().textContent(), /Consulted/)
  await tabTo(page, 'button[name="verify"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(/verify=1/)
  await page.waitForLoadState('load')
  assert.match(await page.locator('.govuk-panel').textContent(), /The chain is intact/)
  await accessible(page, 'the audit log')
  await page.context().close()
})

test('auditor: who looked at this person? every consultation of any of the person\'s records', async () => {
  const found = await api('ch', 'GET', '/api/lookup?given=Imogen&family=Fairweather&dob=1979-03-14')
  const record = found.candidates[0].person_id
  const page = await signIn('aud')
  await tabTo(page, '#person')
  await page.keyboard.type(String(record))
  await page.keyboard.press('Enter')
  await page.waitForURL(/record=person(:|%3A)\d+/) // the log's own list, of the entries about the person
  await page.waitForLoadState('load')
  assert.equal(await page.inputValue('#person'), String(record), 'the form lost what was typed')
  const rows = await page.locator('#list-audit tbody tr').allTextContents()
  assert.ok(rows.length >= 3, `only ${rows.length} entries about the person`)
  assert.ok(rows.every((r) => /person Imogen Fairweather \(born 14\/03\/1979\)/.test(r)), 'an entry that does not name the person: ' + rows.slice(0, 4).join(' | '))
  assert.ok(rows.every((r) => !/person \d/.test(r)), 'a person named by number')
  assert.ok(rows.some((r) => /Call handler/.test(r) && /lookup/.test(r)), 'the call handler\'s lookups are missing: ' + rows.slice(0, 8).join(' | '))
  assert.match(await page.locator('#list-total').textContent(), /\d+ entr/)
  await accessible(page, 'the audit log about one person')
  // the lookups made while one call was drafted, together with its recording (the incident)
  await page.locator(`a[href="/audit?draft=${draftOfCall}"]`).first().click()
  await page.waitForURL(/draft=/)
  await page.waitForLoadState('load')
  const drafted = await page.locator('main table tbody tr').allTextContents()
  assert.ok(drafted.length >= 2, `only ${drafted.length} entries of the draft`)
  assert.ok(drafted.every((r) => r.includes(draftOfCall)), 'an entry of another call is shown')
  assert.ok(drafted.some((r) => /lookup while drafting call/.test(r)), 'the lookups are missing')
  assert.ok(drafted.some((r) => /record the call drafted as/.test(r) && /incident:\d+/.test(r)), 'the recording is missing')
  await page.goBack()
  // a number that is not one: named on the form, what was typed kept
  await page.fill('#person', 'Imogen')
  await page.keyboard.press('Enter')
  await page.waitForURL(/person=Imogen/)
  assert.match(await page.locator('#person-error').textContent(), /Enter a person's record number/)
  assert.equal(await page.inputValue('#person'), 'Imogen')
  await page.context().close()
})

test('data quality: a pair the matching is unsure of, decided with a reason, then undone', async () => {
  const page = await signIn('dq')
  assert.equal(await heading(page), 'Persons to check')
  await accessible(page, 'the data-quality queue')
  const before = await page.locator('section.vg-pair').count()
  assert.ok(before > 0, 'no pair to decide')
  const first = (await page.locator('section.vg-pair').first().textContent())
  assert.match(first, /(probable|possible) match/)
  assert.doesNotMatch(first, /\d%/)
  // no reason: named, nothing decided
  await tabTo(page, 'section[aria-labelledby="pair-0"] button[value="1"]')
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
  assert.match(await page.locator('.govuk-error-summary').textContent(), /Reason: say why/)
  assert.equal(await page.locator('.govuk-error-summary a[href="#reason-0"]').count(), 1, 'the problem does not lead to the pair')
  assert.match(await page.locator('#reason-0').locator('xpath=..').locator('.govuk-error-message').textContent(), /say why/)
  assert.equal(await page.locator('section.vg-pair').count(), before)
  // the same person, with a reason, by keyboard
  const a = await page.inputValue('section[aria-labelledby="pair-0"] input[name="a"]')
  const b = await page.inputValue('section[aria-labelledby="pair-0"] input[name="b"]')
  await tabTo(page, '#reason-0')
  await page.keyboard.type('Same woman: she moved house (checked with her GP)')
  await tabTo(page, 'section[aria-labelledby="pair-0"] button[value="1"]')
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
  assert.match(await page.locator('.govuk-notification-banner').textContent(), /Decision \d+ recorded: the records are now 1 person\./)
  // the pair leaves the queue, with every other pair between the two persons now one
  const left = await page.locator('section.vg-pair').count()
  assert.ok(left < before, 'the queue did not shrink')
  for (let i = 0; i < left; i++) {
    const x = await page.inputValue(`section[aria-labelledby="pair-${i}"] input[name="a"]`)
    const y = await page.inputValue(`section[aria-labelledby="pair-${i}"] input[name="b"]`)
    assert.ok(!(x === a && y === b), 'the decided pair is still in the queue')
  }
  const decisions = await page.locator('table', { hasText: 'Decision' }).last().textContent()
  assert.match(decisions, /\(record \d+\) and .+ \(record \d+\) are the same person/) // names, not only numbers
  assert.match(decisions, /she moved house/)
  await accessible(page, 'the queue after a decision')
  // undone, with a reason: two persons again, the decision kept as undone
  await tabTo(page, 'input[id^="undo-"]')
  await page.keyboard.type('The GP says they are sisters')
  await page.keyboard.press('Tab')
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
  assert.match(await page.locator('.govuk-notification-banner').textContent(), /undone: the records are now 2 persons/)
  assert.match(await page.locator('main').textContent(), /Undone by dq/)
  if (shots) await page.screenshot({ path: join(shots, 'data-quality.png'), fullPage: true })
  await page.context().close()
})

test('admin: asks for a user, whose password is shown once; a second administrator approves', async () => {
  const page = await signIn('adm')
  // a username that cannot be one: said beside it, the role chosen kept
  await tabTo(page, '#username')
  await page.keyboard.type('x')
  await page.keyboard.press('Tab')
  await page.keyboard.type('analyst')
  assert.equal(await page.inputValue('#role'), 'analyst')
  await tabTo(page, 'form[action="/admin/users"] button[type="submit"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(base + '/admin/users')
  await page.waitForLoadState('load')
  assert.match(await page.locator('#username').locator('xpath=..').locator('.govuk-error-message').textContent(), /2 to 63/)
  assert.equal(await page.inputValue('#username'), 'x')
  assert.equal(await page.inputValue('#role'), 'analyst', 'the role chosen was lost')
  await page.fill('#username', 'newuser')
  await tabTo(page, 'form[action="/admin/users"] button[type="submit"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(base + '/admin/users')
  await page.waitForLoadState('load')
  const notice = await page.locator('.govuk-notification-banner').textContent()
  assert.match(notice, /the account newuser waits for a second administrator's approval/)
  const password = notice.match(/approved: (\S+)/)[1]
  // no button to approve one's own request
  assert.match(await page.locator('#requests + .vg-scroll table').textContent(), /Yours: another administrator decides/)
  assert.equal(await page.locator('form[action*="/admin/requests/"]').count(), 0)
  await accessible(page, 'the admin page')
  const other = await signIn('adm2')
  await tabTo(other, 'form[action$="/approve"] button')
  await other.keyboard.press('Enter')
  await other.waitForURL(/\/admin\/requests\/\d+\/approve$/)
  // the request in words, with the agency's name
  assert.match(await other.locator('.govuk-notification-banner').textContent(),
    /Approved and carried out: a new account newuser: analyst in Wessex Constabulary\./) // the force's agency, named after the synthetic force
  // no button to disable oneself; one for everyone else still active
  assert.equal(await other.locator('form[action="/admin/users/adm2/disable"]').count(), 0)
  assert.equal(await other.locator('form[action="/admin/users/newuser/disable"]').count(), 1)
  if (shots) await other.screenshot({ path: join(shots, 'admin-approval.png'), fullPage: true })
  await other.context().close()
  // the new account works with the password shown once
  const login = await fetch(base + '/api/session', { method: 'POST', body: JSON.stringify({ username: 'newuser', password }) })
  assert.equal(login.status, 201)
  // and an agency
  await tabTo(page, '#code')
  await page.keyboard.type('probation-ui')
  await page.keyboard.press('Tab')
  await page.keyboard.type('UI Probation Service')
  await page.keyboard.press('Tab')
  await page.keyboard.type('probation')
  await tabTo(page, 'form[action="/admin/agencies"] button[type="submit"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(base + '/admin/agencies')
  await page.waitForLoadState('load')
  assert.match(await page.locator('.govuk-notification-banner').textContent(), /Agency probation-ui added/)
  assert.match(await page.locator('main').textContent(), /UI Probation Service/)
  await page.context().close()
})

test('analyst: the map of incidents and hotspots, and the performance report', async () => {
  const page = await signIn('an')
  assert.equal(await heading(page), 'Incidents and hotspots')
  await page.locator('#map[data-ready="true"]').waitFor({ timeout: 15000 }) /* the latest three months */
  await page.goto(base + '/map?area=0&from=2014-01&to=2014-06&cell=250') /* the synthetic force's year */
  await page.locator('#map[data-ready="true"]').waitFor({ timeout: 15000 })
  const summary = await page.locator('#map-summary').textContent()
  assert.match(summary, /[\d,]+ incidents with a position, every one counted in the grid/)
  assert.ok(await page.locator('#map .leaflet-interactive, #map canvas').count() > 0, 'nothing drawn on the map')
  assert.match(await page.locator('#map .vg-legend').textContent(), /Shading: incidents per 250 m square/, 'no legend')
  assert.match(summary, /The busiest grid cells/)
  await accessible(page, 'the map')
  if (shots) await page.screenshot({ path: join(shots, 'analyst-map.png'), fullPage: true })
  // another period and grid, chosen with the keyboard: the form is a plain GET form
  await tabTo(page, '#cell')
  await page.keyboard.type('500')
  assert.equal(await page.inputValue('#cell'), '500')
  await tabTo(page, 'form[action="/map"] button[type="submit"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(/cell=500/)
  await page.locator('#map[data-ready="true"]').waitFor({ timeout: 15000 })
  // the map's figures to take away; months that are not months are said, not replaced quietly
  const figures = await page.request.get(base + await page.locator('#map-json').getAttribute('href'))
  assert.equal(figures.status(), 200)
  assert.ok((await figures.json()).total >= 0)
  const badMap = await page.request.get(base + '/map?from=2014-13&to=2014-06')
  assert.equal(badMap.status(), 400)
  assert.match(await badMap.text(), /give the months such as 2014-06/)
  for (const area of ['999999', 'abc']) { // an area that is none: said, never the whole force's map in its place
    const badArea = await page.request.get(base + `/map?area=${area}`)
    assert.equal(badArea.status(), 400, `area=${area}`)
    assert.match(await badArea.text(), /Area: choose one from the list/)
  }
  const badReport = await page.request.get(base + '/reports/performance?source=guesswork&to=2014-06')
  assert.equal(badReport.status(), 400)
  assert.match(await badReport.text(), /Figures from: not one of the choices/)
  // the performance report from the force's own records: a table and a chart
  await page.goto(base + '/reports/performance?source=records&to=2014-06')
  assert.equal(await heading(page), 'Performance')
  const report = page.locator('.vg-perf')
  await report.waitFor()
  assert.match(await report.textContent(), /Crime excluding fraud/)
  assert.equal(await page.locator('.vg-perf svg').count(), 1)
  // the same figures to take away, as JSON
  const json = await page.request.get(base + await page.locator('#report-json').getAttribute('href'))
  assert.equal(json.status(), 200)
  assert.ok(Object.keys(await json.json()).length > 0)
  await accessible(page, 'the performance report')
  // the Home Office figures against population and households by local authority, summed
  // into force areas through the ONS lookup (hand-made files: Hampshire 377,000 residents
  // in 2013 and 155,000 households in 2011; 1,131 domestic burglaries -> 7.3 per 1,000 households)
  const data = resolve('tests/data')
  run('import', 'recorded-crime', '-q', join(data, 'home-office/rec-la-forces.csv'))
  run('import', 'population', '-q', '--lookup', join(data, 'ons/la-lookup.csv'), join(data, 'ons/pop-la.csv'))
  run('import', 'households', '-q', '--lookup', join(data, 'ons/la-lookup.csv'), join(data, 'ons/households-la.csv'))
  await page.goto(base + '/reports/performance?source=home-office&force=Hampshire&to=2014-06')
  await report.waitFor()
  const row = page.locator('.vg-perf tr', { hasText: 'Domestic burglary (per 1,000 households)' })
  assert.match(await row.textContent(), /1,131\s*7\.3/)
  // and for a spreadsheet: the same count and rate in the CSV
  const csv = await page.request.get(base + await page.locator('#report-csv').getAttribute('href'))
  assert.equal(csv.status(), 200)
  assert.match(csv.headers()['content-type'], /^text\/csv/)
  assert.match(await csv.text(), /^Domestic burglary,Hampshire,2013-07,2014-06,1131,households,155000,2011,7\.3\r$/m)
  const words = await report.textContent()
  assert.match(words, /Hampshire population summed from local authorities \(pop-la\.csv: 2 local authorities through la-lookup\.csv\)/)
  assert.match(words, /per 1,000 households: counts for 2011/)
  assert.equal(await page.inputValue('#force'), 'Hampshire') /* the form keeps what was asked */
  await accessible(page, 'the performance report against households')
  if (shots) await page.screenshot({ path: join(shots, 'analyst-performance.png'), fullPage: true })
  await page.context().close()
})

test('supervisor: reviews the first crime in the queue, with a direction and the next due date', async () => {
  const page = await signIn('sup')
  assert.equal(await heading(page), 'Review queue')
  await accessible(page, 'the review queue')
  const first = page.locator('main section').first()
  const crime = (await first.getAttribute('aria-labelledby')).replace('crime-', '')
  await tabTo(page, 'main section:first-of-type summary')
  await page.keyboard.press('Enter')
  // the next review date first, in the date picker; sent without the direction it asks for
  const next = new Date(Date.now() + 7 * 86400e3).toISOString().slice(0, 10)
  assert.equal(await page.getAttribute(`#next-${crime}`, 'type'), 'date', 'not the browser\'s date picker')
  await page.fill(`#next-${crime}`, next)
  await tabTo(page, `section[aria-labelledby="crime-${crime}"] button[type=submit]`)
  await page.keyboard.press('Enter')
  await page.waitForURL(base + `/review/${crime}`)
  await page.waitForLoadState('load')
  assert.match(await page.locator('.govuk-error-summary').textContent(), /direction/i)
  assert.match(await page.locator(`#direction-${crime}`).locator('xpath=..').textContent(), /Error:/, 'the problem is not beside its field')
  assert.equal(await page.inputValue(`#next-${crime}`), next, 'the form lost the date typed')
  await tabTo(page, `#direction-${crime}`)
  await page.keyboard.type('Obtain the CCTV from the shop opposite and trace the second witness.')
  await tabTo(page, `section[aria-labelledby="crime-${crime}"] button[type=submit]`)
  await page.keyboard.press('Enter')
  await page.waitForURL(base + `/review/${crime}`)
  await page.waitForLoadState('load')
  assert.match(await page.locator('.govuk-notification-banner').textContent(), /review is recorded/)
  // the crime is now due on the date set, with the direction shown for the next review
  const again = page.locator(`section[aria-labelledby="crime-${crime}"]`)
  if (await again.count()) assert.match(await again.textContent(), /Obtain the CCTV/)
  await accessible(page, 'the queue after a review')
  // the crime's page keeps every review and its direction
  await page.goto(`${base}/crimes/${crime}`)
  assert.match(await heading(page), /^Crime /)
  const crimePage = await page.locator('main').textContent()
  assert.match(crimePage, /sup: Obtain the CCTV/)
  // people by name and date of birth, the incident by its reference, dates in words: no record numbers
  assert.doesNotMatch(crimePage, /person \d+|incident \d+\b|\d{4}-\d{2}-\d{2}/, 'the crime page shows a record number or an ISO date')
  assert.match(crimePage, /(Victim|Suspect|Offender|Witness|Caller): /)
  await accessible(page, 'the crime page')
  await page.context().close()
})

test('victim care: marks the most overdue entitlement as met', async () => {
  const page = await signIn('vc')
  assert.equal(await heading(page), 'Victims')
  await accessible(page, 'the victims queue')
  const count = async () => Number((await page.locator('#list-total strong').textContent()).match(/^[\d,]+/)[0].replace(/,/g, ''))
  const before = await count()
  assert.ok(before > 0, 'no entitlement to meet')
  const form = page.locator('form[action="/victims/met"]').first()
  const key = `${await form.locator('input[name="crime"]').inputValue()}/${await form.locator('input[name="person"]').inputValue()}/` +
    `${await form.locator('input[name="entitlement"]').inputValue()}`
  await tabTo(page, 'form[action="/victims/met"] button')
  await page.keyboard.press('Enter')
  await page.waitForURL(base + '/victims/met')
  await page.waitForLoadState('load')
  assert.match(await page.locator('.govuk-notification-banner').textContent(), /recorded as met/)
  const left = await page.locator('form[action="/victims/met"]').evaluateAll((fs) => fs.map((f) =>
    `${f.crime.value}/${f.person.value}/${f.entitlement.value}`))
  assert.ok(!left.includes(key), `${key} is still open`)
  assert.equal(await count(), before - 1, 'the total did not go down by the one met')
  // only those with an enhanced entitlement: each says so
  await page.goto(base + '/victims?vulnerable=1')
  const rows = page.locator('#list-victims tbody tr')
  for (let i = 0; i < Math.min(await rows.count(), 10); i++) assert.match(await rows.nth(i).textContent(), /Yes/)
  // sorted by the victim's name, from the column's header
  await Promise.all([page.waitForURL(/sort=victim/), page.locator('a.vg-sort[data-sort="victim"]').click()])
  const names = (await page.locator('#list-victims tbody tr td:first-child').allTextContents()).map((t) => t.trim())
  assert.ok(names.length > 1)
  assert.deepEqual(names, [...names].sort(), 'not in the order of the victims\' names')
  // one met from that list: back on the same list, its filter and order kept
  await Promise.all([page.waitForURL(/\/victims\/met\?.*vulnerable=1/), page.locator('form[action^="/victims/met?"] button').first().click()])
  assert.match(page.url(), /sort=victim/)
  assert.match(await page.locator('.govuk-notification-banner').textContent(), /recorded as met/)
  for (let i = 0; i < Math.min(await rows.count(), 10); i++) assert.match(await rows.nth(i).textContent(), /Yes/)
  await page.context().close()
})

test('partner: sees the shared case, adds a joint action and marks it done', async () => {
  const page = await signIn('pp')
  assert.equal(await heading(page), 'Safety net')
  assert.match(await page.locator('main').textContent(), /Household at 3 Low Road/)
  await tabTo(page, `a[href="/cases/${caseId}"]`)
  await page.keyboard.press('Enter')
  await page.waitForURL(new RegExp(`/cases/${caseId}$`))
  const shown = await page.locator('main').textContent()
  assert.match(shown, /Repeated ASB/)
  assert.doesNotMatch(shown, /mobility/, 'the risk field was not shared with the council')
  await tabTo(page, '#text')
  await page.keyboard.type('Council noise team to fit monitoring equipment')
  await page.fill('#due', new Date(Date.now() + 14 * 86400e3).toISOString().slice(0, 10)) // the date picker
  await tabTo(page, 'form[action$="/actions"] button[type=submit]')
  await page.keyboard.press('Enter')
  await page.waitForURL(base + `/cases/${caseId}/actions`)
  await page.waitForLoadState('load')
  assert.match(await page.locator('.govuk-notification-banner').textContent(), /action is added/)
  await accessible(page, 'the case with its actions')
  await tabTo(page, 'form[action$="/done"] button')
  await page.keyboard.press('Enter')
  await page.waitForURL(new RegExp(`/cases/${caseId}\\?done=action$`))
  assert.equal(await page.locator('.govuk-tag--green', { hasText: 'Done' }).count(), 1)
  assert.match(await page.locator('.govuk-notification-banner').textContent(), /marked done/)
  await page.context().close()
})

test('response officer: the daily review of a neighbourhood; an action assigned and closed', async () => {
  const page = await signIn('ro')
  await tabTo(page, 'a[href="/tasking"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(base + '/tasking')
  assert.equal(await heading(page), 'Daily review')
  for (const section of ['New incidents and crimes', 'Repeat and vulnerable victims', 'Repeat locations', 'Near-repeat risk zones',
    'Hotspots', 'Unusually high last week', 'Open safety-net actions', "This review's actions"]) {
    assert.match(await page.locator('main').textContent(), new RegExp(section))
  }
  await accessible(page, 'the daily review')
  // the review to take away, as JSON; a day that is not a date is said, not replaced
  const review = await page.request.get(base + await page.locator('#review-json').getAttribute('href'))
  assert.equal(review.status(), 200)
  assert.ok('hotspots' in await review.json())
  for (const row of await page.locator('table:has(caption:text("Hotspots")) tbody tr').all()) {
    assert.match(await row.textContent(), /^(Near .+ \(\d+ m\)|No named street near)/)
  }
  const bad = await page.request.get(base + '/tasking?date=31/02/2014')
  assert.equal(bad.status(), 400)
  assert.match(await bad.text(), /Meeting day: must be a date/)
  if (shots) { // a day within the synthetic force's year, so the review has something in it
    await page.goto(base + '/tasking?date=2014-06-30')
    await page.setViewportSize({ width: 1280, height: 2400 })
    await page.screenshot({ path: join(shots, 'daily-review.png') })
    await page.goto(base + '/tasking')
  }
  // another neighbourhood, chosen with the keyboard
  const second = await page.locator('#area option').nth(1).textContent()
  await tabTo(page, '#area')
  await page.keyboard.type(second.trim().slice(0, 12))
  await tabTo(page, 'form[action="/tasking"] button')
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/tasking\?area=/)
  await page.waitForLoadState('load')
  assert.match(await page.locator('.govuk-body-l').textContent(), new RegExp(second.trim().slice(0, 12)))
  // an action: assigned, shown, closed
  await tabTo(page, '#text')
  await page.keyboard.type('Patrol the play area after school; speak to the shop about CCTV')
  await page.keyboard.press('Tab')
  await page.keyboard.type('ro')
  await page.keyboard.press('Tab')
  await page.fill('#due', new Date(Date.now() + 3 * 86400e3).toISOString().slice(0, 10)) // the date picker
  await tabTo(page, 'form[action="/tasking/actions"] button')
  await page.keyboard.press('Enter')
  await page.waitForURL(base + '/tasking/actions')
  await page.waitForLoadState('load')
  assert.match(await page.locator('.govuk-notification-banner').textContent(), /is assigned to ro/)
  assert.match(await page.locator('#actions ~ section').first().textContent(), /Patrol the play area/)
  await accessible(page, 'the review with an open action')
  await tabTo(page, 'input[name="result"]')
  await page.keyboard.type('Two patrols; the shop will keep its footage for 28 days')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/tasking\/actions\/\d+\/close$/)
  await page.waitForLoadState('load')
  assert.match(await page.locator('.govuk-notification-banner').textContent(), /is closed/)
  assert.match(await page.locator('main').textContent(), /Done: Two patrols/)
  // the owner is picked from the force's active users, never typed; a date that is not one is named
  const owners = await page.locator('#owner option').allTextContents()
  assert.ok(owners.includes('ro (Response officer)') && owners.includes('sup (Supervisor)'), owners.join(', '))
  assert.ok(!owners.some((o) => /^pp /.test(o)), 'a partner offered as an owner')
  await tabTo(page, '#text')
  await page.keyboard.type('Leaflet the street')
  await noPicker(page, '#due')
  await page.fill('#due', '32/13/2026')
  await tabTo(page, 'form[action="/tasking/actions"] button')
  await page.keyboard.press('Enter')
  await page.waitForURL(base + '/tasking/actions')
  assert.match(await page.locator('.govuk-error-summary').textContent(), /due date/)
  // beside the field, with everything typed kept
  assert.match(await page.locator('#due').locator('xpath=..').textContent(), /Error:.*due date/)
  assert.equal(await page.inputValue('#text'), 'Leaflet the street')
  assert.equal(await page.inputValue('#due'), '32/13/2026')
  await page.context().close()
})

test('a partner cannot reach police pages by typing their address', async () => {
  const page = await signIn('pp')
  assert.equal(await heading(page), 'Safety net')
  for (const path of ['/calls/new', '/queue', '/incidents', '/incidents/1', '/crimes/1', '/persons/1', '/map', '/review', '/victims', '/audit', '/admin', '/tasking']) {
    const r = await page.goto(base + path)
    assert.equal(r.status(), 403, `${path} answered ${r.status()} to a partner`)
    assert.equal(await heading(page), 'You cannot see this page')
  }
  await accessible(page, 'the 403 page')
  const nav = await page.locator('nav').textContent()
  assert.doesNotMatch(nav, /New call|Incidents|Audit/)
  await page.context().close()
})

test('sign-in never sends the browser to another site (a tab after the first slash)', async () => {
  for (const next of ['/\t/evil.example/', '//evil.example/', '/\\evil.example/', '/\n/evil.example/', 'https://evil.example/']) {
    const context = await browser.newContext(UK)
    const page = await context.newPage()
    await page.goto(base + '/login?next=' + encodeURIComponent(next))
    await page.fill('#username', 'ch')
    await page.fill('#password', PASSWORD)
    // wait for the browser to leave the sign-in page, wherever it goes (here or away)
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login'), { waitUntil: 'commit' }), page.press('#password', 'Enter')])
    await page.waitForLoadState('load').catch(() => {})
    assert.ok(page.url().startsWith(base + '/'), `next=${next} took the browser to ${page.url()}`)
    assert.equal(await heading(page), 'New call') // the role's start page
    await context.close()
  }
})

test('partner: a case shared with its title only shows no joint actions', async () => {
  const c = await api('inv', 'POST', '/api/cases', { title: 'Title-only case', subject_kind: 'household', summary: 'not shared' })
  const login = await fetch(base + '/api/session', { method: 'POST', body: JSON.stringify({ username: 'inv', password: PASSWORD }) })
  const { token } = await login.json()
  // a police action naming someone, on the case page's form
  const page0 = await (await browser.newContext(UK)).newPage()
  await page0.goto(base + '/login')
  await page0.fill('#username', 'inv')
  await page0.fill('#password', PASSWORD)
  await page0.press('#password', 'Enter')
  await page0.waitForURL((u) => !u.pathname.startsWith('/login'))
  await page0.goto(base + `/cases/${c.id}`)
  await page0.fill('#text', 'Speak to Jane Doe at her workplace')
  await page0.press('#text', 'Enter')
  await page0.waitForURL(base + `/cases/${c.id}/actions`)
  await page0.context().close()
  const share = await fetch(base + `/api/cases/${c.id}/shares`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: JSON.stringify({ agency: 'la-ui', fields: [], gateway: 'Crime and Disorder Act 1998 s.115', purpose: 'awareness' })
  })
  assert.equal(share.status, 403) // an investigator may not share: the supervisor does
  await api('sup', 'POST', `/api/cases/${c.id}/shares`, {
    agency: 'la-ui', fields: [], gateway: 'Crime and Disorder Act 1998 s.115', purpose: 'awareness'
  })
  const page = await signIn('pp')
  await page.goto(base + `/cases/${c.id}`)
  const shown = await page.locator('main').textContent()
  assert.match(shown, /Title-only case/)
  assert.doesNotMatch(shown, /Jane Doe/, 'the police action reached a partner who was shown the title only')
  assert.equal(await page.locator('form[action$="/done"]').count(), 0)
  await accessible(page, 'a title-only case')
  await page.context().close()
})

// the one list component: the total, the last page, sorting, filters kept, CSV of what the filters keep
test('supervisor: the crimes list pages to the end, sorts, filters and downloads what it shows', async () => {
  const page = await signIn('sup', '/crimes')
  assert.equal(await heading(page), 'Crimes')
  const count = async () => Number((await page.locator('#list-total strong').textContent()).match(/^([\d,]+) crime/)[1].replace(/,/g, ''))
  const total = await count()
  assert.ok(total > 50, `only ${total} crimes`)
  await accessible(page, 'the crimes list')
  await Promise.all([page.waitForURL(/last=1/), page.click('#list-last')])
  assert.match(await page.locator('#list-total').textContent(), new RegExp(`to ${total.toLocaleString('en-GB')}$`), 'the last page ends at the total')
  assert.equal(await page.locator('#list-next').count(), 0, 'a next page after the last')
  // the previous page runs on to the last one (the last page holds the last 50)
  await Promise.all([page.waitForURL(/before=/), page.click('#list-prev')])
  assert.match(await page.locator('#list-total').textContent(), new RegExp(`showing ${(total - 99).toLocaleString('en-GB')} to ${(total - 50).toLocaleString('en-GB')}$`))
  // sorted by offence, then filtered: the sort is kept, and what was typed
  await Promise.all([page.waitForURL(/sort=offence/), page.click('a[data-sort="offence"]')])
  if (!(await page.locator('.vg-filters').getAttribute('open') !== null)) await page.click('.vg-filters summary')
  await page.selectOption('#f-outcome', 'open')
  assert.equal(await page.getAttribute('#f-from', 'type'), 'date', 'the period is not the browser\'s date picker')
  await page.fill('#f-from', '2014-01-01')
  await Promise.all([page.waitForURL(/outcome=open/), page.click('.vg-filter-form button[type=submit]')])
  assert.match(page.url(), /sort=offence/, 'filtering lost the order')
  assert.equal(await page.inputValue('#f-from'), '2014-01-01', 'the form does not keep the date')
  const filtered = await count()
  // the same date as people type it (dd/mm/yyyy, from a browser without a date picker): the same list
  const typed = page.url()
  await page.goto(typed.replace('from=2014-01-01', 'from=01%2F01%2F2014'))
  assert.equal(await count(), filtered, 'dd/mm/yyyy filtered otherwise')
  assert.equal(await page.inputValue('#f-from'), '2014-01-01', 'the picker does not show the date typed')
  await page.goto(typed)
  if (!(await page.locator('.vg-filters').getAttribute('open') !== null)) await page.click('.vg-filters summary')
  assert.ok(filtered > 0 && filtered < total, `${filtered} of ${total} kept`)
  if (shots) { // the list as it reads: its first ten rows under the filters
    const url = page.url()
    await page.goto(url + '&limit=10')
    await page.screenshot({ path: join(shots, 'lists.png'), fullPage: true })
    await page.goto(url)
    if (!(await page.locator('.vg-filters').getAttribute('open') !== null)) await page.click('.vg-filters summary')
  }
  // the CSV has every row the filters keep, not the page's 50
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#list-csv')])
  const lines = readFileSync(await dl.path(), 'utf8').trimEnd().split('\r\n')
  assert.equal(lines[0], 'reference,recorded,offence,status,outcome,address,vulnerable')
  assert.equal(lines.length - 1, filtered, 'the CSV does not hold the filtered list')
  assert.ok(lines.slice(1).every((l) => l.includes(',Under investigation,')), 'a CSV row outside the filter')
  assert.ok(lines.slice(1).every((l) => l.split(',')[1] >= '2014-01-01'), 'a CSV row before the period')
  // a date that is not one is named beside its field, and kept as typed
  await noPicker(page, '#f-from')
  await page.fill('#f-from', '32/01/2014')
  await Promise.all([page.waitForURL(/from=32/), page.click('.vg-filter-form button[type=submit]')])
  assert.match(await page.locator('.govuk-error-summary').textContent(), /From: must be a date such as/)
  assert.equal(await page.inputValue('#f-from'), '32/01/2014')
  assert.match(await page.locator('#f-from').locator('xpath=..').textContent(), /must be a date/)
  await accessible(page, 'a list with a filter in error')
  await page.context().close()
})

test('admin: every user in one list; an account disabled, re-enabled, unlocked, given a password shown once, and moved', async () => {
  // casey forgot the password: three failed sign-ins
  for (let i = 0; i < 3; i++) {
    const r = await fetch(base + '/api/session', { method: 'POST', body: JSON.stringify({ username: 'casey', password: 'not it' }) })
    assert.equal(r.status, 401)
  }
  const page = await signIn('adm', '/admin')
  await Promise.all([page.waitForURL(/\/admin\/users$/), page.click('#all-users')])
  assert.equal(await heading(page), 'Users')
  const total = Number((await page.locator('#list-total strong').textContent()).match(/^(\d+) users/)[1])
  assert.ok(total >= users.length + 1, `${total} users`)
  await accessible(page, 'the users list')
  if (!(await page.locator('.vg-filters').getAttribute('open') !== null)) await page.click('.vg-filters summary')
  await page.selectOption('#f-role', 'partner_practitioner')
  await Promise.all([page.waitForURL(/role=partner_practitioner/), page.click('.vg-filter-form button[type=submit]')])
  const roles = await page.locator('#list-users tbody tr td:nth-child(2)').allTextContents()
  assert.ok(roles.length >= 2 && roles.every((r) => r === 'Partner practitioner'), roles.join(', '))
  await Promise.all([page.waitForURL(/\/admin\/users\/casey$/), page.click('#list-users a[href="/admin/users/casey"]')])
  assert.equal(await heading(page), 'casey')
  assert.match(await page.locator('#failures').textContent(), /^3 \(from 1 address\)/)
  assert.match(await page.locator('#last-sign-in').textContent(), /Never/)
  // unlocked: the failures forgotten
  await page.click('#do-unlock')
  assert.match(await page.locator('.govuk-notification-banner').textContent(), /failed sign-ins are forgotten/)
  assert.match(await page.locator('#failures').textContent(), /^0/)
  assert.equal(await page.locator('#do-unlock').count(), 0, 'an unlock button with nothing to unlock')
  // disabled, then re-enabled
  await page.click('#do-disable')
  assert.match(await page.locator('#state').textContent(), /Disabled/)
  assert.equal(await page.locator('#do-disable').count(), 0)
  await page.click('#do-enable')
  assert.match(await page.locator('#state').textContent(), /^Active/)
  // a new password, shown once with a button that copies it; it works, the old one not
  await page.click('#do-password')
  const pw = (await page.locator('#password-text').textContent()).trim()
  assert.equal(pw.length, 16)
  assert.equal(await page.locator('button[data-copy="password-text"]').count(), 1)
  await accessible(page, 'a user with a new password')
  if (shots) await page.screenshot({ path: join(shots, 'admin-user.png'), fullPage: true })
  let r = await fetch(base + '/api/session', { method: 'POST', body: JSON.stringify({ username: 'casey', password: pw }) })
  assert.equal(r.status, 201, 'the new password does not work')
  r = await fetch(base + '/api/session', { method: 'POST', body: JSON.stringify({ username: 'casey', password: PASSWORD }) })
  assert.equal(r.status, 401, 'the old password still works')
  await page.goto(base + '/admin/users/casey')
  assert.doesNotMatch(await page.locator('main').textContent(), new RegExp(pw), 'the password is shown again')
  // moved to the other council: only the councils a partner role fits are offered
  const offered = await page.locator('#agency option').allTextContents()
  assert.ok(offered.includes('Second Test Council') && !offered.includes('Wessex Constabulary') && !offered.includes('UI Test Council'),
    offered.join(', '))
  await page.selectOption('#agency', 'la-two')
  await page.click('#do-agency')
  assert.match(await page.locator('#account').textContent(), /Second Test Council/)
  // every change is in the audit log, seen by the auditor
  const log = await api('aud', 'GET', '/api/lists/audit?username=adm&action=admin&limit=20')
  const whys = log.rows.map((x) => x.why).join(' | ')
  for (const w of ['unlock', 'disable', 're-enable', 'set a password', 'move a user']) assert.match(whys, new RegExp(w))
  await page.context().close()
})

test('safety net: a case opened from a person, shared field by field, seen by the partner with those fields only', async () => {
  const found = await api('ch', 'GET', '/api/lookup?given=Imogen&family=Fairweather&dob=1979-03-14')
  const person = found.candidates[0].person_id
  const sup = await signIn('sup', `/persons/${person}`)
  await Promise.all([sup.waitForURL(/\/cases\/new\?person=\d+$/), sup.click('#open-case')])
  assert.equal(await heading(sup), 'Open a safety-net case')
  // a case needs a title: the problem is named and what was typed is kept
  await sup.fill('#summary', 'Burgled twice this year; lives alone')
  await sup.fill('#title', '')
  await sup.evaluate(() => document.querySelector('#title').removeAttribute('required'))
  await Promise.all([sup.waitForURL(/\/cases$/), sup.click('#do-open')])
  assert.match(await sup.locator('.govuk-error-summary').textContent(), /Title: required/)
  assert.equal(await sup.inputValue('#summary'), 'Burgled twice this year; lives alone')
  await sup.fill('#title', 'Repeat burglary victim living alone')
  await sup.fill('#risk', 'Frightened to stay at home')
  await sup.fill('#actions', 'Target hardening; weekly visits')
  await Promise.all([sup.waitForURL(/\/cases\/\d+$/), sup.click('#do-open')])
  assert.equal(await heading(sup), 'Repeat burglary victim living alone')
  // who it is about, by name and date of birth (never a record number)
  assert.match(await sup.locator('main').textContent(), /About\s*Imogen Fairweather, born 14 Mar 1979 \(a person\)/)
  const caseUrl = sup.url()
  // shared with the council: the summary and the agreed actions, not the risk or who it is
  await sup.selectOption('#share-agency', 'la-ui')
  await sup.check('#share-summary')
  await sup.check('#share-actions')
  // without its legal gateway: said beside the field, the choices kept
  await sup.fill('#purpose', 'a joint visit')
  await sup.click('#do-share')
  assert.match(await sup.locator('#gateway').locator('xpath=..').locator('.govuk-error-message').textContent(), /gateway/i)
  assert.ok(await sup.isChecked('#share-summary') && await sup.isChecked('#share-actions'), 'the fields chosen were lost')
  assert.equal(await sup.inputValue('#purpose'), 'a joint visit')
  await sup.fill('#gateway', 'Crime and Disorder Act 1998 s.115')
  await sup.fill('#purpose', 'a joint visit')
  await sup.click('#do-share')
  assert.match(await sup.locator('.govuk-notification-banner').textContent(), /is shared/)
  const row = await sup.locator('#shares tbody tr').first().textContent()
  assert.match(row, /UI Test Council/)
  assert.match(row, /summary, agreed actions/)
  // a note by the owner: not shared with the council (the notes field was not chosen)
  await sup.fill('#note', 'Neighbour at no. 5 holds a spare key')
  await sup.click('#do-note')
  assert.match(await sup.locator('#notes ~ .vg-note').first().textContent(), /spare key/)
  await accessible(sup, 'a case its owner shares')
  if (shots) await sup.screenshot({ path: join(shots, 'safety-net-case.png'), fullPage: true })
  // the partner sees the title and those fields, nothing else, and no button it cannot use
  const pp = await signIn('pp', new URL(caseUrl).pathname)
  const shown = await pp.locator('main').textContent()
  assert.match(shown, /Burgled twice this year/)
  assert.match(shown, /Target hardening/)
  assert.doesNotMatch(shown, /Frightened/, 'the risk was not shared')
  assert.doesNotMatch(shown, /Fairweather/, 'who it is about was not shared')
  assert.equal(await pp.locator('#share-form, #seen-by').count(), 0, 'a partner is offered the owner\'s part')
  assert.doesNotMatch(shown, /spare key/, 'the owner\'s notes were not shared')
  await pp.fill('#note', 'Housing have a repairs job open at the address')
  await pp.click('#do-note')
  assert.match(await pp.locator('main').textContent(), /repairs job open/)
  // the partner's action for its own agency, due in two days (typed as dd/mm/yyyy), is in its queue
  const due = new Date(Date.now() + 2 * 86400e3)
  const ddmm = `${String(due.getUTCDate()).padStart(2, '0')}/${String(due.getUTCMonth() + 1).padStart(2, '0')}/${due.getUTCFullYear()}`
  await pp.fill('#text', 'Housing officer to visit with the PCSO')
  await noPicker(pp, '#due') // typed as a browser without a date picker sends it
  await pp.fill('#due', ddmm)
  await pp.click('form[action$="/actions"] button[type=submit]')
  assert.match(await pp.locator('.govuk-notification-banner').textContent(), /action is added/)
  await Promise.all([pp.waitForURL(/\/actions$/), pp.click('a[href="/actions"]')])
  assert.equal(await heading(pp), 'Joint actions')
  assert.match(await pp.locator('#action-counts').textContent(), /\d+ open.*\d+ overdue.*[1-9]\d* new this week/s)
  const mine = pp.locator('#list-actions tbody tr', { hasText: 'Housing officer to visit' })
  assert.equal(await mine.count(), 1)
  assert.match(await mine.textContent(), /Repeat burglary victim living alone/)
  assert.match(await mine.textContent(), /UI Test Council/)
  await accessible(pp, 'an agency\'s joint actions')
  await pp.context().close()
  // the owner sees who has seen the case
  await sup.reload()
  assert.match(await sup.locator('main').textContent(), /repairs job open/, 'the owner does not see the partner\'s note')
  const seen = await sup.locator('#seen-by').textContent()
  assert.match(seen, /pp \(Partner practitioner\)/)
  await sup.context().close()
  // once who it is about is shared too, the partner reads it by name and date of birth, without a link to police records
  const id = new URL(caseUrl).pathname.split('/').pop()
  await api('sup', 'POST', `/api/cases/${id}/shares`, { agency: 'la-ui', fields: ['subject', 'summary', 'actions'], gateway: 'Crime and Disorder Act 1998 s.115', purpose: 'a joint visit' })
  const pp2 = await signIn('pp', new URL(caseUrl).pathname)
  assert.match(await pp2.locator('main').textContent(), /About\s*Imogen Fairweather, born 14 Mar 1979 \(a person\)/)
  assert.equal(await pp2.locator('main a[href^="/persons/"]').count(), 0, 'a partner offered a police record')
  await pp2.context().close()
})

// no dead ends: every link a role is shown on its pages leads somewhere it may go
test('no role is shown a link that ends in a refusal or nowhere', async () => {
  for (const [name, role] of users.map(([n, r]) => [n, r])) {
    const page = await signIn(name)
    const start = new URL(page.url()).pathname
    const nav = await page.locator('nav a.vg-nav__link').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    const seen = new Set()
    for (const path of [start, ...nav]) {
      await page.goto(base + path)
      const links = await page.locator('main a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
      for (const href of links.slice(0, 25)) {
        const key = href.replace(/\d+/g, 'N').replace(/\?.*$/, '')
        if (seen.has(key) || href.startsWith('/export/')) continue // exports: the crimes list test downloads one
        seen.add(key)
        const r = await page.request.get(base + href, { maxRedirects: 0 })
        assert.ok(r.status() < 400 && r.status() !== 303, `${role} (${name}) is shown ${href} on ${path}: ${r.status()}`)
      }
    }
    await page.context().close()
  }
})

test('signed out, a page sends you to sign in and back', async () => {
  const context = await browser.newContext(UK)
  const page = await context.newPage()
  await page.goto(base + '/incidents')
  assert.equal(await heading(page), 'Sign in')
  await page.keyboard.type('an')
  await page.keyboard.press('Tab')
  await page.keyboard.type(PASSWORD)
  await page.keyboard.press('Enter')
  await page.waitForURL(base + '/incidents')
  await page.waitForLoadState('load')
  await tabTo(page, 'header form[action="/logout"] button')
  await page.keyboard.press('Enter')
  await page.waitForURL(base + '/login')
  await page.goto(base + '/incidents')
  assert.equal(await heading(page), 'Sign in', 'the session ended at sign-out')
  await context.close()
})
