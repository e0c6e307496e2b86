# Agencies, users and the audit log from the command line (the operator's tools).

$ vigil init -q --db a.db && vigil agency add la-test --name "Test Council" --kind local_authority --db a.db
> agency la-test (local_authority) added

$ vigil agency list --db a.db --format json
~ "code": "force"
~ "code": "la-test"
~ "kind": "local_authority"

# a taken code, a bad code, a bad kind
$ vigil agency add la-test --name Again --kind local_authority --db a.db
! already exists
? 1
$ vigil agency add "Bad Code" --name X --kind other --db a.db
! code: must be 2 to 31
? 3
$ vigil agency add la-x --name X --kind county --db a.db
! --kind must be
? 2

$ echo "a long password" | vigil user add alice --role call_handler --password-stdin --db a.db
> user alice (call_handler, force) added
- ^password:

# without --password-stdin a password is generated and shown once
$ vigil user add bob --role partner_manager --agency la-test --db a.db
> user bob (partner_manager, la-test) added
~ ^password: [A-Za-z0-9]{16}$

# police roles belong to the force, partner roles to partners; passwords need 10 characters
$ echo "a long password" | vigil user add carl --role investigator --agency la-test --password-stdin --db a.db
! role: investigator is a police role: la-test is not a force
? 3
$ echo "a long password" | vigil user add dora --role partner_practitioner --password-stdin --db a.db
! role: partner_practitioner is a role for partner agencies
? 3
$ echo "short" | vigil user add erin --role analyst --password-stdin --db a.db
! password: must be at least 10 characters
? 3
$ vigil user add fred --role sheriff --db a.db
! --role must be one of
? 2

$ vigil user disable bob --db a.db
> user bob disabled; their sessions have ended

$ vigil user list --db a.db
~ ^alice +call_handler +force$
~ ^bob +partner_manager +la-test disabled$

# every change above is in the audit log, and the chain verifies
$ vigil audit export --db a.db
~ "action":"admin","what":"agency:2","why":"admin: add an agency"
~ "action":"admin","what":"user:1","why":"admin: add a user"
~ "action":"admin","what":"user:2","why":"admin: disable a user \(every session of the user ended\)"
~ "username":"cli:
$ vigil audit verify --db a.db
~ ^audit log intact: [0-9]+ entries, head [0-9a-f]{64}$

# a changed entry is named
$ sqlite3 a.db "UPDATE audit_log SET what = 'user:9' WHERE seq = 2" && vigil audit verify --db a.db
! entry 2: its contents were changed after it was written
? 1

$ vigil restrict incident 1 --user nobody --db a.db
! user: no user 'nobody'
? 3
$ vigil restrict thing 1 --user alice --db a.db
! kind: must be incident, person or case
? 3
