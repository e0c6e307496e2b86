# The search box from the command line: a person found though misspelt, with the date of
# birth as a call handler would type it; incidents by the beginning of their reference;
# places by postcode or house and street; nothing to search on is refused in words.

$ vigil init -q --db s.db && for i in 1 2 3; do vigil incident add -q --db s.db $TESTDATA/contact/call$i.json > /dev/null || exit 1; done && vigil search --db s.db "Margret Oneil 07/04/1961"
~ "name": "Margaret O'Neill",
~ "dob": "1961-04-07",
~ "band": "certain",
~ "evidence": "same date of birth;
~ "total": 1,

$ vigil search --db s.db "vg-2014"
~ "total": 3,
~ "reference": "VG-20140110-00001",
~ "reference": "VG-20140601-00001",
~ "category": "ASB: nuisance"

$ vigil search --db s.db "VG-20140601-00001"
~ "total": 1,
~ "received": "2014-06-01T10:00:00Z",

$ vigil search --db s.db "14 High Street"
~ "address": "14 High Street WX12 3AB"
- "name":

$ vigil search --db s.db "wx12 3ab"
~ "address": "14 High Street WX12 3AB"

$ vigil search --db s.db "Nobody Atall 01/01/1950"
~ "total": 0,

$ vigil search --db s.db "   "
? 3
! q: type a name

$ vigil search --db s.db
? 2
! search takes one QUERY
