# The control room after the call, from the command line (the same use cases as the
# dispatch board): grading puts a call on the board, ordered by grade and then waiting;
# acknowledging, assigning and the status are kept; an incident is updated, re-graded
# (the old grade stays in its log), closed with a code, and a mistaken call is cancelled
# with a reason, never deleted, and then counts in nobody's history.

# calls 1 and 2 come in not graded, call 3 graded priority: only call 3 is on the board
$ vigil init -q --db d.db && for i in 1 2 3; do vigil incident add -q --db d.db $TESTDATA/contact/call$i.json > /dev/null || exit 1; done && vigil incident board --db d.db
~ "total": 1,
~ "id": 3,
- "id": [12],

# a grade needs a reason; a call not graded is not on the board
$ vigil incident grade --db d.db 1 priority
? 3
! reason: say why the grade changes

$ vigil incident grade --db d.db 1 ungraded --reason x
? 3
! thrive: choose a grade: immediate, priority, scheduled or no_deployment

$ vigil incident grade --db d.db 1 priority --reason "stones still being thrown" && vigil incident grade --db d.db 2 immediate --reason "caller hurt" && vigil incident grade --db d.db 3 no_deployment --reason "advice by phone"
~ "thrive": "no_deployment",
~ "thrive_was": "priority",
~ "text": "advice by phone",

# the board: immediate first though it waited less; no deployment is not on it
$ vigil incident board --db d.db | grep -E '^      "(id|thrive|address)"' | sed 's/^ *//' | tr '\n' ' '
> "id": 2, "thrive": "immediate", "address": "14 High Street WX12 3AB", "id": 1, "thrive": "priority", "address": "14 High Street WX12 3AB", 

$ vigil incident board --db d.db
~ "total": 2,
~ "name": "Margaret O'Neill",
~ "status": "awaiting",
~ "acknowledged": null,
- "id": 3,

# the dispatcher's steps
$ vigil incident ack --db d.db 2
~ "status": "awaiting",
~ "by": "operator",

$ vigil incident ack --db d.db 2
? 1
! acknowledged already

$ vigil incident status --db d.db 1 at_scene
? 3
! status: assign an officer or unit first

$ vigil incident assign --db d.db 2 "Bravo 21" && vigil incident status --db d.db 2 at_scene
~ "status": "at_scene",
~ "unit": "Bravo 21",
~ "kind": "assign",

$ vigil incident status --db d.db 2 closed
? 3
! status: choose awaiting, assigned or at_scene \(close with a closure code\)

# closing: with a code; afterwards only updates
$ vigil incident close --db d.db 2 resolved --reason "words of advice given"
~ "closure": "resolved",
~ "closure_label": "Attended and resolved",
~ "closed": "20[0-9-]+T

$ vigil incident grade --db d.db 2 priority --reason "again"
? 1
! is closed as Attended and resolved: only an update can be added

$ vigil incident update --db d.db 2 "caller rang back to say thank you"
~ "text": "caller rang back to say thank you",

$ vigil incident update --db d.db 2 "   "
? 3
! text: say what was learnt or done

# text that is not UTF-8 is refused, naming the field (it would break every later view)
$ vigil incident update --db d.db 2 $'caf\xe9'
? 3
! text: not UTF-8 text \(byte 4\)

$ vigil incident view --db d.db 2
~ "kind": "update",

$ vigil incident board --db d.db
~ "total": 1,
- "id": 2,

# a mistaken call: cancelled with a reason, kept, and in nobody's history
$ vigil lookup --db d.db --name "Margaret O'Neill" --dob 1961-04-07 --at 2014-06-02 --format json
~ "prior_incidents_12m": 3,

$ vigil incident cancel --db d.db 1
? 3
! reason: say why the call is cancelled

$ vigil incident cancel --db d.db 1 --reason "a test call made in training"
~ "closure": "cancelled",
~ "kind": "cancel",

$ vigil lookup --db d.db --name "Margaret O'Neill" --dob 1961-04-07 --at 2014-06-02 --format json
~ "prior_incidents_12m": 2,

$ sqlite3 d.db "SELECT count(*) FROM incident; SELECT kind FROM incident_log WHERE incident_id = 1 ORDER BY id"
> 3
> grade
> cancel

$ vigil incident update --db d.db 99 "x"
? 1
! no incident 99

$ vigil incident frobnicate --db d.db 1
? 2
! say what to do
