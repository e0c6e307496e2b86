/* test_domain.c - reference tables: offence codes -> subgroups -> ONS groups -> police.uk
 * types (checked against the ONS hierarchy file), measures, effective dates, outcome
 * types, forces (every spelling in the shared data files), and the coded-value names. */
#include "testutil.h"

#include "domain/force.h"
#include "domain/names.h"
#include "domain/offence.h"
#include "domain/outcome.h"
#include "domain/pole.h"
#include "domain/policeuk.h"

/* Minimal RFC 4180 split of one line into fields (test helper, not product code). */
static int split_csv(char *line, char **fields, int max)
{
    int n = 0;
    char *p = line, *w = line;
    while (n < max) {
        fields[n++] = w;
        int quoted = *p == '"';
        if (quoted)
            p++;
        for (;;) {
            if (quoted && *p == '"' && p[1] == '"') {
                *w++ = '"';
                p += 2;
            } else if (quoted && *p == '"') {
                quoted = 0;
                p++;
            } else if (!quoted && (*p == ',' || *p == '\n' || *p == '\r' || *p == '\0')) {
                break;
            } else {
                *w++ = *p++;
            }
        }
        char end = *p;
        *w++ = '\0';
        if (end != ',')
            break;
        p++;
    }
    return n;
}

static vg_date D(const char *s)
{
    vg_date d = 0;
    assert_true(vg_date_parse(vg_str_c(s), &d));
    return d;
}

static void test_offence_mapping(void **state)
{
    (void)state;
    const vg_offence *o = vg_offence_find("28A");
    assert_non_null(o);
    assert_int_equal(o->subgroup, VG_SG_DOMESTIC_BURGLARY);
    assert_int_equal(vg_subgroup_group(o->subgroup), VG_GRP_THEFT);
    assert_int_equal(vg_subgroup_policeuk(o->subgroup), VG_PUK_BURGLARY);
    assert_string_equal(vg_subgroup_ho_category(o->subgroup), "Domestic burglary");
    assert_true(vg_offence_valid_on(o, D("2014-06-01")));
    assert_false(vg_offence_valid_on(o, D("2017-04-01")));
    assert_true(vg_offence_valid_on(vg_offence_find("28E"), D("2017-04-01")));
    assert_false(vg_offence_valid_on(vg_offence_find("28E"), D("2014-06-01")));
    /* case-insensitive lookup; unknown codes are NULL */
    assert_ptr_equal(vg_offence_find("105a"), vg_offence_find("105A"));
    assert_null(vg_offence_find("ZZZ"));
    assert_null(vg_offence_find(NULL));
    /* the worked mappings of DOMAIN.md s.2.2 */
    struct { const char *code; vg_subgroup sg; vg_puk_type puk; } cases[] = {
        {"8N", VG_SG_VIOLENCE_WITH_INJURY, VG_PUK_VIOLENCE_SEXUAL},
        {"105A", VG_SG_VIOLENCE_WITHOUT_INJURY, VG_PUK_VIOLENCE_SEXUAL},
        {"19C", VG_SG_RAPE, VG_PUK_VIOLENCE_SEXUAL},
        {"34B", VG_SG_ROBBERY_PERSONAL, VG_PUK_ROBBERY},
        {"39", VG_SG_THEFT_FROM_PERSON, VG_PUK_THEFT_FROM_PERSON},
        {"44", VG_SG_BICYCLE_THEFT, VG_PUK_BICYCLE_THEFT},
        {"46", VG_SG_SHOPLIFTING, VG_PUK_SHOPLIFTING},
        {"45", VG_SG_VEHICLE, VG_PUK_VEHICLE_CRIME},
        {"58C", VG_SG_CRIMINAL_DAMAGE, VG_PUK_CRIMINAL_DAMAGE_ARSON},
        {"92E", VG_SG_DRUG_POSSESSION, VG_PUK_DRUGS},
        {"10D", VG_SG_WEAPONS, VG_PUK_POSSESSION_OF_WEAPONS},
        {"9A", VG_SG_PUBLIC_ORDER, VG_PUK_PUBLIC_ORDER},
        {"802", VG_SG_MISC, VG_PUK_OTHER_CRIME},
        {"4.4", VG_SG_DEATH_DRIVING, VG_PUK_VIOLENCE_SEXUAL},
        {"8L", VG_SG_STALKING_HARASSMENT, VG_PUK_VIOLENCE_SEXUAL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const vg_offence *x = vg_offence_find(cases[i].code);
        assert_non_null(x);
        assert_int_equal(x->subgroup, cases[i].sg);
        assert_int_equal(vg_subgroup_policeuk(x->subgroup), cases[i].puk);
    }
    /* codes are unique */
    size_t n;
    const vg_offence *all = vg_offences(&n);
    assert_true(n > 150);
    for (size_t i = 0; i < n; i++)
        for (size_t k = i + 1; k < n; k++)
            assert_true(strcmp(all[i].code, all[k].code) != 0);
}

static void test_measures(void **state)
{
    (void)state;
    assert_true(vg_measure_includes(VG_MEASURE_CRIME_EXCL_FRAUD, VG_SG_DRUG_POSSESSION));
    assert_false(vg_measure_includes(VG_MEASURE_CRIME_EXCL_FRAUD, VG_SG_FRAUD));
    assert_true(vg_measure_includes(VG_MEASURE_VICTIM_BASED, VG_SG_SHOPLIFTING));
    assert_false(vg_measure_includes(VG_MEASURE_VICTIM_BASED, VG_SG_PUBLIC_ORDER));
    assert_true(vg_measure_includes(VG_MEASURE_AGAINST_SOCIETY, VG_SG_WEAPONS));
    assert_string_equal(vg_measure_id(VG_MEASURE_CRIME_EXCL_FRAUD), "crime_excluding_fraud");
    assert_string_equal(vg_measure_id(VG_MEASURE_VICTIM_BASED), "victim_based_crime");
    /* every subgroup belongs to exactly the measures its class says */
    for (int sg = 0; sg < VG_SG_COUNT; sg++) {
        vg_crime_class c = vg_group_class(vg_subgroup_group((vg_subgroup)sg));
        assert_int_equal(vg_measure_includes(VG_MEASURE_VICTIM_BASED, (vg_subgroup)sg), c == VG_CLASS_VICTIM_BASED);
        assert_true(vg_measure_includes(VG_MEASURE_TOTAL_INCL_FRAUD, (vg_subgroup)sg));
    }
}

/* Every code of the ONS hierarchy file is in our table, in the same ONS group and class. */
static void test_against_ons_hierarchy(void **state)
{
    (void)state;
    char path[512];
    if (!tu_shared_file(path, sizeof path, "home-office/ho-offence-codes.csv"))
        skip();
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[1024];
    int checked = 0;
    assert_non_null(fgets(line, sizeof line, f)); /* header */
    while (fgets(line, sizeof line, f)) {
        char *fld[8];
        int nf = split_csv(line, fld, 8);
        assert_int_equal(nf, 5);
        if (strpbrk(fld[0], "abcdefghijklmnopqrstuvwxyz"))
            continue; /* subgroup rows like "violence-with-injury" */
        vg_ons_group g;
        if (!vg_group_from_label(fld[3], &g))
            fail_msg("unknown ONS group '%s'", fld[3]);
        const char *cls = fld[4];
        vg_crime_class want = strcmp(cls, "victim-based") == 0 ? VG_CLASS_VICTIM_BASED
                              : strcmp(cls, "fraud") == 0 ? VG_CLASS_FRAUD : VG_CLASS_AGAINST_SOCIETY;
        /* "1-4.1-4.10-4.2" lists several codes */
        for (char *code = strtok(fld[0], "-"); code; code = strtok(NULL, "-")) {
            const vg_offence *o = vg_offence_find(code);
            if (!o)
                fail_msg("offence code %s is missing from the table", code);
            if (vg_subgroup_group(o->subgroup) != g)
                fail_msg("offence code %s: group %s, ONS says %s", code, vg_group_label(vg_subgroup_group(o->subgroup)), fld[3]);
            assert_int_equal(vg_group_class(g), want);
            checked++;
        }
    }
    fclose(f);
    assert_true(checked >= 136);
}

static void test_outcomes(void **state)
{
    (void)state;
    for (int i = 0; i <= VG_OUTCOME_MAX; i++) {
        const vg_outcome_type *t = vg_outcome_type_of(i);
        assert_non_null(t);
        assert_int_equal(t->number, i);
        assert_true(strlen(t->label) > 5);
    }
    assert_null(vg_outcome_type_of(23));
    assert_null(vg_outcome_type_of(-1));
    assert_int_equal(vg_outcome_type_of(0)->group, VG_OG_NONE);
    assert_int_equal(vg_outcome_type_of(1)->group, VG_OG_CHARGED);
    assert_int_equal(vg_outcome_type_of(8)->group, VG_OG_OOCD_INFORMAL);
    assert_int_equal(vg_outcome_type_of(18)->group, VG_OG_NO_SUSPECT);
    assert_int_equal(vg_outcome_type_of(14)->group, VG_OG_EVIDENTIAL_NOT_SUPPORT);
    assert_int_equal(vg_outcome_type_of(15)->group, VG_OG_EVIDENTIAL_SUPPORT);
    int sanction[] = {1, 2, 3, 4, 6, 7};
    int n = 0;
    for (int i = 0; i <= VG_OUTCOME_MAX; i++)
        n += vg_outcome_type_of(i)->sanction_like;
    assert_int_equal(n, 6);
    for (int i = 0; i < 6; i++)
        assert_true(vg_outcome_type_of(sanction[i])->sanction_like);
    assert_true(vg_outcome_type_of(22)->valid_from > vg_outcome_type_of(21)->valid_from);
}

static void test_policeuk_types(void **state)
{
    (void)state;
    assert_int_equal(vg_puk_type_from_label("Anti-social behaviour", 21), VG_PUK_ASB);
    assert_int_equal(vg_puk_type_from_label("Violent crime", 13), VG_PUK_VIOLENT_CRIME);
    assert_true(vg_puk_type_is_legacy(VG_PUK_VIOLENT_CRIME));
    assert_int_equal(vg_puk_type_info_of(VG_PUK_VIOLENT_CRIME)->successor, VG_PUK_VIOLENCE_SEXUAL);
    assert_int_equal(vg_puk_type_from_label("Burglary ", 9), VG_PUK_NONE);
    int current = 0;
    for (int t = 0; t < VG_PUK_COUNT; t++)
        current += vg_puk_type_info_of((vg_puk_type)t)->to_month == 999912;
    assert_int_equal(current, 14); /* the 14 categories in use since May 2013 */
    size_t n;
    vg_puk_outcomes(&n);
    assert_int_equal(n, 30);
    assert_non_null(vg_puk_outcome_from_label("Offender deported", 17));
    assert_null(vg_puk_outcome_from_label("Something new", 13));
}

static void check_force_names_in(const char *rel, int column, int header_is_names)
{
    char path[512];
    if (!tu_shared_file(path, sizeof path, rel))
        return;
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[8192];
    int first = 1;
    while (fgets(line, sizeof line, f)) {
        char *fld[64];
        int nf = split_csv(line, fld, 64);
        if (header_is_names) { /* wide file: every column after the first is a force */
            for (int i = 1; i < nf; i++)
                if (!vg_force_find(fld[i], strlen(fld[i])))
                    fail_msg("%s: force '%s' not found", rel, fld[i]);
            break;
        }
        if (first) {
            first = 0;
            continue;
        }
        const char *name = fld[column];
        if (strcmp(name, "Action Fraud") == 0 || strcmp(name, "CIFAS") == 0 || strcmp(name, "UK Finance") == 0) {
            assert_null(vg_force_find(name, strlen(name))); /* fraud bodies are not forces */
            continue;
        }
        if (!vg_force_find(name, strlen(name)))
            fail_msg("%s: force '%s' not found", rel, name);
    }
    fclose(f);
}

static void test_forces(void **state)
{
    (void)state;
    size_t n;
    const vg_force *all = vg_forces(&n);
    int territorial = 0;
    for (size_t i = 0; i < n; i++)
        territorial += vg_force_in_england_wales(&all[i]);
    assert_int_equal(territorial, 43);
    const vg_force *a = vg_force_find("Avon & Somerset", 15), *b = vg_force_find("avon and somerset", 17);
    assert_non_null(a);
    assert_ptr_equal(a, b);
    assert_ptr_equal(vg_force_find("Metropolitan", 12), vg_force_find("Metropolitan Police", 19));
    assert_ptr_equal(vg_force_find("Hampshire Constabulary", 22), vg_force_find("E23000030", 9));
    assert_ptr_equal(vg_force_find(" hampshire ", 11), vg_force_find("hampshire", 9));
    assert_false(vg_force_in_england_wales(vg_force_find("btp", 3)));
    assert_null(vg_force_find("Hampshir", 8));
    assert_null(vg_force_find("", 0));
    /* every spelling in the shared files resolves */
    check_force_names_in("home-office/rec-crime-pfa.csv", 1, 0);
    check_force_names_in("ons/population_policeforces.csv", 0, 1);
    check_force_names_in("ons/force-demographics-census2011.csv", 0, 0);
    check_force_names_in("ons/LAD_CSP_PFA_Dec2016_lookup.csv", 5, 0);
}

static void test_coded_names(void **state)
{
    (void)state;
    for (int r = 0; r < VG_ROLE_COUNT; r++) {
        vg_role back;
        assert_true(vg_role_parse(vg_role_name((vg_role)r), &back));
        assert_int_equal(back, r);
    }
    for (int c = 0; c < VG_CAT_COUNT; c++) {
        vg_category back;
        assert_true(vg_category_parse(vg_category_name((vg_category)c), &back));
        assert_int_equal(back, c);
    }
    vg_category cat;
    assert_false(vg_category_parse("ASB_PERSONAL", &cat));
    assert_false(vg_category_parse(NULL, &cat));
    assert_true(vg_category_is_asb(VG_CAT_ASB_ENVIRONMENTAL));
    assert_false(vg_category_is_asb(VG_CAT_CRIME));
    assert_string_equal(vg_role_name((vg_role)99), "?");
    const vg_marker_code *m = vg_marker_code_find("MH");
    assert_non_null(m);
    assert_int_equal(m->kind, VG_MARKER_VULNERABILITY);
    assert_int_equal(vg_marker_code_find("VI")->kind, VG_MARKER_WARNING);
}

static void test_name_groups(void **state)
{
    (void)state;
    const vg_name_group *g = vg_name_group_find("Bill");
    assert_non_null(g);
    assert_string_equal(g->names[0], "william");
    assert_ptr_equal(vg_name_group_find("liam"), g);
    assert_ptr_equal(vg_name_group_find("Peggy"), vg_name_group_find("margaret"));
    assert_ptr_equal(vg_name_group_find("Muhammad"), vg_name_group_find("Mohammed"));
    assert_ptr_equal(vg_name_group_find("shiv"), vg_name_group_find("Siobhan"));
    assert_null(vg_name_group_find("Zebedee"));
}

static void test_records_builders(void **state)
{
    (void)state;
    vg_person *p = calloc(1, sizeof *p);
    assert_non_null(p);
    vg_person_init(p);
    assert_int_equal(p->dob, VG_DATE_NONE);
    assert_int_equal(vg_set_str(&p->family_name, "Okonkwo"), VG_OK);
    assert_int_equal(vg_person_add_alias(p, "Okonkwo", "Chi", VG_DATE_NONE), VG_OK);
    assert_int_equal(vg_person_add_contact(p, VG_CONTACT_PHONE, "07700 900123"), VG_OK);
    assert_int_equal(vg_person_add_marker(p, VG_MARKER_VULNERABILITY, "MH", NULL, VG_DATE_NONE, VG_DATE_NONE), VG_OK);
    assert_int_equal(p->n_aliases + p->n_contacts + p->n_markers, 3);
    vg_person_clear(p);
    assert_null(p->family_name);
    assert_int_equal(p->n_aliases, 0);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_offence_mapping), cmocka_unit_test(test_measures),
        cmocka_unit_test(test_against_ons_hierarchy), cmocka_unit_test(test_outcomes),
        cmocka_unit_test(test_policeuk_types), cmocka_unit_test(test_forces),
        cmocka_unit_test(test_coded_names), cmocka_unit_test(test_name_groups),
        cmocka_unit_test(test_records_builders),
    };
    return cmocka_run_group_tests_name("domain", tests, NULL, NULL);
}
