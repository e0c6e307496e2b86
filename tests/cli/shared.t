#requires: shared-data
# All of the shared police.uk data: the import's counts against an independent count
# made here with standard tools. 2014-06-hampshire-street.csv is in two folders and must
# count once (the second import of a force-month-kind replaces the first). ASB rows are
# counted by their crime type: British Transport Police publishes crimes without IDs too.
$ find $VIGIL_SHARED_DATA/police-uk -name '*.csv' | awk -F/ '{print $NF "\t" $0}' | sort -u -k1,1 | cut -f2 > files && wc -l < files && cat $(cat files) | grep -v '^Crime ID,' | wc -l > rows && cat $(cat files) | grep -c ',Anti-social behaviour,' > asb && cat rows asb
> 65
> 595774
> 243894

$ vigil init -q --db p.db && vigil import police-uk --db p.db --format json $VIGIL_SHARED_DATA/police-uk > s.json && vigil stats --db p.db --format json > st.json && grep -o '"street_rows": [0-9]*' st.json && grep -o '"asb_rows": [0-9]*' st.json && grep -o '"files": [0-9]*' s.json && grep -o '"replaced": [0-9]*' s.json
> "street_rows": 595774
> "asb_rows": 243894
> "files": 66
> "replaced": 1
