/* list.c - the lists the screens show, as data (see list.h). The choices of coded columns
 * come from the names and labels the domain already has, filled in once. */
#include "domain/list.h"

#include "domain/access.h"
#include "domain/dispatch.h"
#include "domain/offence.h"
#include "domain/pole.h"
#include "domain/work.h"

#include <pthread.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

static vg_list_option categories[VG_CAT_COUNT];
static vg_list_option grades[VG_THRIVE_COUNT];
static vg_list_option roles[VG_UR_OPERATOR]; /* the operator is no user's role */
static vg_list_option actions[VG_AUDIT_ACTION_COUNT];
static vg_list_option entitlements[VG_ENT_COUNT];
static vg_list_option *offences;
static size_t n_offences;

static const vg_list_option incident_states[] = {
    {"open", "Open"}, {"closed", "Closed"}, {"cancelled", "Cancelled (a mistaken call)"}};
static const vg_list_option crime_states[] = {
    {"recorded", "Recorded"}, {"transferred", "Transferred"}, {"cancelled", "Cancelled"}};
static const vg_list_option crime_outcomes[] = {{"open", "Under investigation"}, {"finalised", "Outcome given"}};
static const vg_list_option user_states[] = {{"active", "Active"}, {"disabled", "Disabled"}};

static vg_list_col incident_cols[] = {
    {"reference", "Reference", VG_LT_REF, true, false, NULL, 0},
    {"received", "Received", VG_LT_TIME, true, false, NULL, 0},
    {"category", "Category", VG_LT_CHOICE, true, false, categories, N(categories)},
    {"grade", "Grade", VG_LT_CHOICE, true, false, grades, N(grades)},
    {"status", "Status", VG_LT_CHOICE, false, false, incident_states, N(incident_states)},
    {"address", "Where", VG_LT_ADDRESS, false, false, NULL, 0},
    {"people", "People", VG_LT_INT, false, true, NULL, 0},
    {"vulnerable", "Vulnerable person", VG_LT_FLAG, false, false, NULL, 0},
};
static vg_list_filter incident_filters[] = {
    {"category", "Category", VG_LF_CHOICE, categories, N(categories)},
    {"status", "Status", VG_LF_CHOICE, incident_states, N(incident_states)},
    {"grade", "Grade", VG_LF_CHOICE, grades, N(grades)},
    {"area", "Area", VG_LF_AREA, NULL, 0},
    {"vulnerable", "Only with a vulnerable person", VG_LF_FLAG, NULL, 0},
    {"location", "Place", VG_LF_PLACE, NULL, 0},
};

static vg_list_col crime_cols[] = {
    {"reference", "Reference", VG_LT_REF, true, false, NULL, 0},
    {"recorded", "Recorded", VG_LT_TIME, true, false, NULL, 0},
    {"offence", "Offence", VG_LT_OFFENCE, true, false, NULL, 0},
    {"status", "Status", VG_LT_CHOICE, true, false, crime_states, N(crime_states)},
    {"outcome", "Investigation", VG_LT_CHOICE, true, false, crime_outcomes, N(crime_outcomes)},
    {"address", "Where", VG_LT_ADDRESS, false, false, NULL, 0},
    {"vulnerable", "Enhanced entitlement", VG_LT_FLAG, false, false, NULL, 0},
};
static vg_list_filter crime_filters[] = {
    {"offence", "Offence", VG_LF_CHOICE, NULL, 0}, /* choices: the offence codes, filled in */
    {"status", "Status", VG_LF_CHOICE, crime_states, N(crime_states)},
    {"outcome", "Investigation", VG_LF_CHOICE, crime_outcomes, N(crime_outcomes)},
    {"area", "Area", VG_LF_AREA, NULL, 0},
    {"vulnerable", "Only victims with an enhanced entitlement (vulnerable)", VG_LF_FLAG, NULL, 0},
    {"location", "Place", VG_LF_PLACE, NULL, 0},
};

static vg_list_col audit_cols[] = {
    {"seq", "Entry", VG_LT_INT, true, true, NULL, 0},
    {"at", "When", VG_LT_TIME, false, false, NULL, 0},
    {"username", "Who", VG_LT_TEXT, false, false, NULL, 0},
    {"role", "Role", VG_LT_CHOICE, false, false, roles, N(roles)},
    {"agency", "Agency", VG_LT_TEXT, false, false, NULL, 0},
    {"action", "Action", VG_LT_CHOICE, false, false, actions, N(actions)},
    {"what", "What", VG_LT_TEXT, false, false, NULL, 0},
    {"records", "Records named", VG_LT_RECORDS, false, false, NULL, 0},
    {"why", "Why", VG_LT_TEXT, false, false, NULL, 0},
    {"recipient", "Disclosed to", VG_LT_TEXT, false, false, NULL, 0},
    {"persons", "Persons named", VG_LT_KEYS, false, false, NULL, 0},
    {"record_keys", "Records named (kind:number)", VG_LT_KEYS, false, false, NULL, 0},
};
static vg_list_filter audit_filters[] = {
    {"username", "User (the username)", VG_LF_TEXT, NULL, 0},
    {"action", "Action", VG_LF_CHOICE, actions, N(actions)},
    {"record", "Record", VG_LF_RECORD, NULL, 0},
};

static vg_list_col user_cols[] = {
    {"username", "Username", VG_LT_REF, true, false, NULL, 0},
    {"role", "Role", VG_LT_CHOICE, true, false, roles, N(roles)},
    {"agency", "Agency", VG_LT_TEXT, true, false, NULL, 0},
    {"status", "State", VG_LT_CHOICE, true, false, user_states, N(user_states)},
    {"last_sign_in", "Last signed in", VG_LT_TIME, true, false, NULL, 0},
    {"created", "Added", VG_LT_TIME, true, false, NULL, 0},
};
static vg_list_filter user_filters[] = {
    {"username", "Username", VG_LF_TEXT, NULL, 0},
    {"role", "Role", VG_LF_CHOICE, roles, N(roles)},
    {"agency", "Agency", VG_LF_AGENCY, NULL, 0},
    {"status", "State", VG_LF_CHOICE, user_states, N(user_states)},
};

static const vg_list_option action_states[] = {{"open", "Open"}, {"overdue", "Overdue"}, {"done", "Done"}};

static vg_list_col action_cols[] = {
    {"action", "Action", VG_LT_REF, true, false, NULL, 0},
    {"case_title", "Case", VG_LT_TEXT, true, false, NULL, 0},
    {"agency", "Agency", VG_LT_TEXT, false, false, NULL, 0},
    {"due", "Due", VG_LT_DATE, true, false, NULL, 0},
    {"added", "Added", VG_LT_TIME, true, false, NULL, 0},
    {"status", "State", VG_LT_CHOICE, true, false, action_states, N(action_states)},
    {"new", "New this week", VG_LT_FLAG, false, false, NULL, 0},
    {"case_id", "Case number", VG_LT_KEY, false, true, NULL, 0},
};
static vg_list_filter action_filters[] = {
    {"status", "State", VG_LF_CHOICE, action_states, N(action_states)},
    {"new", "Only those added this week", VG_LF_FLAG, NULL, 0},
};

static vg_list_col review_cols[] = {
    {"reference", "Crime", VG_LT_REF, true, false, NULL, 0},
    {"offence", "Offence", VG_LT_OFFENCE, true, false, NULL, 0},
    {"recorded", "Recorded", VG_LT_TIME, true, false, NULL, 0},
    {"due", "Review due", VG_LT_TIME, true, false, NULL, 0},
    {"reviews", "Reviews so far", VG_LT_INT, true, true, NULL, 0},
    {"direction", "Last direction", VG_LT_TEXT, false, false, NULL, 0},
    {"vulnerable", "Enhanced entitlement", VG_LT_FLAG, false, false, NULL, 0},
};
static vg_list_filter review_filters[] = {
    {"offence", "Offence", VG_LF_CHOICE, NULL, 0}, /* the offence codes, filled in */
    {"area", "Area", VG_LF_AREA, NULL, 0},
    {"vulnerable", "Only victims with an enhanced entitlement (vulnerable)", VG_LF_FLAG, NULL, 0},
};

static const vg_list_option case_states[] = {{"open", "Open"}, {"closed", "Closed"}};
static const vg_list_option case_subjects[] = {
    {"person", "A person"}, {"household", "A household"}, {"location", "A place"}, {"withheld", "Not shared with you"}};

static vg_list_col case_cols[] = {
    {"title", "Case", VG_LT_REF, true, false, NULL, 0},
    {"owner", "Owned by", VG_LT_TEXT, true, false, NULL, 0},
    {"subject", "About", VG_LT_CHOICE, true, false, case_subjects, N(case_subjects)},
    {"status", "State", VG_LT_CHOICE, true, false, case_states, N(case_states)},
    {"opened", "Opened", VG_LT_TIME, true, false, NULL, 0},
    {"open_actions", "Open joint actions", VG_LT_INT, true, true, NULL, 0},
    {"shared_with", "Agencies shared with", VG_LT_INT, false, true, NULL, 0},
};
static vg_list_filter case_filters[] = {
    {"status", "State", VG_LF_CHOICE, case_states, N(case_states)},
    {"subject", "About", VG_LF_CHOICE, case_subjects, N(case_subjects) - 1},
    {"agency", "Owned by", VG_LF_AGENCY, NULL, 0},
};


static vg_list_col victim_cols[] = {
    {"victim", "Victim", VG_LT_TEXT, true, false, NULL, 0}, /* with its enhanced entitlement: the page's cell */
    {"reference", "Crime", VG_LT_REF, true, false, NULL, 0},
    {"offence", "Offence", VG_LT_OFFENCE, true, false, NULL, 0},
    {"entitlement", "Entitlement", VG_LT_CHOICE, true, false, entitlements, N(entitlements)},
    {"due", "Due", VG_LT_DUE, true, false, NULL, 0},
    {"vulnerable", "Enhanced entitlement", VG_LT_FLAG, false, false, NULL, 0},
    {"crime_id", "Crime number", VG_LT_KEY, false, true, NULL, 0},
    {"person_id", "Person number", VG_LT_KEY, false, true, NULL, 0},
};
static vg_list_filter victim_filters[] = {
    {"entitlement", "Entitlement", VG_LF_CHOICE, entitlements, N(entitlements)},
    {"offence", "Offence", VG_LF_CHOICE, NULL, 0}, /* the offence codes, filled in */
    {"area", "Area", VG_LF_AREA, NULL, 0},
    {"vulnerable", "Only victims with an enhanced entitlement (vulnerable)", VG_LF_FLAG, NULL, 0},
};

static const vg_list_option record_kinds[] = {{"incident", "Incident"}, {"crime", "Crime"}};
static vg_list_option party_roles[VG_ROLE_COUNT];

static vg_list_col history_cols[] = {
    {"at", "When", VG_LT_TIME, true, false, NULL, 0},
    {"kind", "Record", VG_LT_CHOICE, true, false, record_kinds, N(record_kinds)},
    {"reference", "Reference", VG_LT_REF, true, false, NULL, 0},
    {"what", "What", VG_LT_TEXT, true, false, NULL, 0},
    {"role", "Role", VG_LT_CHOICE, true, false, party_roles, N(party_roles)},
    {"status", "Status", VG_LT_TEXT, false, false, NULL, 0},
    {"incident_id", "Incident number", VG_LT_KEY, false, true, NULL, 0},
    {"crime_id", "Crime number", VG_LT_KEY, false, true, NULL, 0},
};
static vg_list_filter history_filters[] = {
    {"kind", "Record", VG_LF_CHOICE, record_kinds, N(record_kinds)},
    {"role", "Role", VG_LF_CHOICE, party_roles, N(party_roles)},
    {"person", "Person", VG_LF_PERSON, NULL, 0},
};

static vg_list_spec specs[VG_LIST_KIND_COUNT] = {
    {VG_LIST_INCIDENTS, "incidents", "Incidents", "incident", "incidents", "/incidents/", NULL, incident_cols,
     N(incident_cols), 1, true, 1, incident_filters, N(incident_filters)},
    {VG_LIST_CRIMES, "crimes", "Crimes", "crime", "crimes", "/crimes/", NULL, crime_cols, N(crime_cols), 1, true, 1,
     crime_filters, N(crime_filters)},
    {VG_LIST_AUDIT, "audit", "Audit log", "entry", "entries", NULL, NULL, audit_cols, N(audit_cols), 0, true, 1,
     audit_filters, N(audit_filters)},
    {VG_LIST_USERS, "users", "Users", "user", "users", "/admin/users/", "username", user_cols, N(user_cols), 0, false, -1,
     user_filters, N(user_filters)},
    {VG_LIST_ACTIONS, "actions", "Joint actions", "action", "actions", "/cases/", "case_id", action_cols,
     N(action_cols), 3, false, 4, action_filters, N(action_filters)},
    {VG_LIST_REVIEWS, "reviews", "Review queue", "crime to review", "crimes to review", "/crimes/", NULL,
     review_cols, N(review_cols), 3, false, 2, review_filters, N(review_filters)},
    {VG_LIST_CASES, "cases", "Safety net", "case", "cases", "/cases/", NULL, case_cols, N(case_cols), 4, true, 4,
     case_filters, N(case_filters)},
    {VG_LIST_VICTIMS, "victims", "Victims", "entitlement to meet", "entitlements to meet", "/crimes/", "crime_id",
     victim_cols, N(victim_cols), 4, false, 4, victim_filters, N(victim_filters)},
    {VG_LIST_HISTORY, "history", "History", "record", "records", NULL, NULL, history_cols, N(history_cols), 0, true, 0,
     history_filters, N(history_filters)},
};

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void fill(void)
{
    for (int i = 0; i < VG_CAT_COUNT; i++)
        categories[i] = (vg_list_option){vg_category_name((vg_category)i), vg_category_label((vg_category)i)};
    for (int i = 0; i < VG_THRIVE_COUNT; i++)
        grades[i] = (vg_list_option){vg_thrive_name((vg_thrive)i), vg_thrive_label((vg_thrive)i)};
    for (int i = 0; i < VG_UR_OPERATOR; i++)
        roles[i] = (vg_list_option){vg_user_role_name((vg_user_role)i), vg_user_role_label((vg_user_role)i)};
    for (int i = 0; i < VG_AUDIT_ACTION_COUNT; i++)
        actions[i] = (vg_list_option){vg_audit_action_name((vg_audit_action)i), vg_audit_action_label((vg_audit_action)i)};
    for (int i = 0; i < VG_ROLE_COUNT; i++)
        party_roles[i] = (vg_list_option){vg_role_name((vg_role)i), vg_role_label((vg_role)i)};
    for (int i = 0; i < VG_ENT_COUNT; i++)
        entitlements[i] = (vg_list_option){vg_entitlement_name((vg_entitlement)i), vg_entitlement_label((vg_entitlement)i)};
    static vg_list_option codes[512];
    size_t n;
    const vg_offence *o = vg_offences(&n);
    for (size_t i = 0; i < n && n_offences < N(codes); i++) {
        bool seen = false; /* a code may be listed for more than one period */
        for (size_t k = 0; k < n_offences && !seen; k++)
            seen = strcmp(codes[k].value, o[i].code) == 0;
        if (!seen)
            codes[n_offences++] = (vg_list_option){o[i].code, o[i].label};
    }
    offences = codes;
    crime_filters[0].choices = review_filters[0].choices = victim_filters[1].choices = offences;
    crime_filters[0].n_choices = review_filters[0].n_choices = victim_filters[1].n_choices = n_offences;
}

const vg_list_spec *vg_list_spec_of(vg_list_kind k)
{
    pthread_once(&once, fill);
    return k < VG_LIST_KIND_COUNT ? &specs[k] : NULL;
}

bool vg_list_kind_parse(const char *name, vg_list_kind *out)
{
    for (int i = 0; name && i < VG_LIST_KIND_COUNT; i++)
        if (strcmp(name, specs[i].name) == 0) {
            *out = (vg_list_kind)i;
            return true;
        }
    return false;
}

int vg_list_col_find(const vg_list_spec *s, const char *key)
{
    for (size_t i = 0; key && i < s->n_cols; i++)
        if (strcmp(s->cols[i].key, key) == 0)
            return (int)i;
    return -1;
}

const char *vg_list_choice_label(const vg_list_option *o, size_t n, const char *value)
{
    for (size_t i = 0; value && i < n; i++)
        if (strcmp(o[i].value, value) == 0)
            return o[i].label;
    return value ? value : "";
}

void vg_list_query_init(vg_list_query *q, vg_list_kind k)
{
    memset(q, 0, sizeof *q);
    const vg_list_spec *s = vg_list_spec_of(k);
    q->kind = k;
    q->sort = s ? s->sort : 0;
    q->desc = s && s->desc;
    q->page = VG_PAGE_FIRST;
    q->limit = VG_LIST_PAGE;
    q->from = q->to = VG_TIME_NONE;
}
