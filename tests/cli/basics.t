# The command line itself: help, version, usage errors (exit 2 with a one-line hint).
$ vigil --version
~ ^vigil [0-9]+\.[0-9]+\.[0-9]+$

$ vigil --help
~ ^usage: vigil
~ ^  init +create a Vigil database
~ ^  synth
~ ^  stats
~ Exit codes: 0 ok, 1 failure, 2 usage error, 3 input rejected

$ vigil
? 2
! ^vigil: no command given \(see 'vigil --help'\)$

$ vigil frobnicate
? 2
! ^vigil: unknown command 'frobnicate' \(see 'vigil --help'\)$

$ vigil --bogus stats
? 2
! unknown option '--bogus'

$ vigil stats --bogus
? 2
! ^vigil stats: unknown option or missing value '--bogus' \(see 'vigil stats --help'\)$

$ vigil stats --format yaml
? 2
! --format must be text or json

$ vigil synth --help
~ ^usage: vigil synth \[OPTIONS\]
~ --seed N
~ --scale F

$ vigil synth --scale -1
? 2
! --scale must be a number above 0

$ vigil synth --from 2014-13
? 2
! --from must be YYYY-MM

$ vigil synth --months 0
? 2
! --months must be between 1 and 120

$ vigil init extra-argument
? 2
! unexpected argument 'extra-argument'
