/* names.c - given-name equivalence groups (formal name first). Written for Vigil from
 * common English, Welsh, Irish, Scottish, South Asian, Arabic, African and Polish usage. */
#include "domain/names.h"

#include <pthread.h>
#include <stdlib.h>
#include <strings.h>

static const vg_name_group groups[] = {
    {{"william", "bill", "billy", "will", "willie", "liam", NULL}},
    {{"robert", "bob", "bobby", "rob", "robbie", "bert", NULL}},
    {{"richard", "rick", "ricky", "dick", "rich", "richie", NULL}},
    {{"james", "jim", "jimmy", "jamie", "jimi", NULL}},
    {{"john", "jack", "johnny", "jon", "ian", "sean", "shaun", NULL}},
    {{"margaret", "peggy", "maggie", "meg", "megan", "marge", "madge", NULL}},
    {{"elizabeth", "liz", "lizzie", "beth", "betty", "eliza", "libby", NULL}},
    {{"catherine", "kate", "katie", "cathy", "kath", "kathryn", "katherine", NULL}},
    {{"mohammed", "muhammad", "mohamed", "mohammad", "muhammed", "mohamad", "mo", NULL}},
    {{"siobhan", "shiv", "shivaun", "chevonne", NULL}},
    {{"alexander", "alex", "alec", "sandy", "xander", NULL}},
    {{"alexandra", "alex", "alexa", "sandra", "lexi", NULL}},
    {{"anthony", "tony", "ant", "antony", NULL}},
    {{"christopher", "chris", "kit", "topher", NULL}},
    {{"christine", "chris", "chrissie", "tina", NULL}},
    {{"daniel", "dan", "danny", NULL}},
    {{"david", "dave", "davey", "dafydd", "dai", NULL}},
    {{"edward", "ed", "eddie", "ted", "teddy", "ned", NULL}},
    {{"frederick", "fred", "freddie", "freddy", NULL}},
    {{"henry", "harry", "hal", "hank", NULL}},
    {{"joseph", "joe", "joey", NULL}},
    {{"joshua", "josh", NULL}},
    {{"matthew", "matt", "matty", NULL}},
    {{"michael", "mike", "mick", "mikey", "mickey", NULL}},
    {{"nicholas", "nick", "nicky", "nico", NULL}},
    {{"patrick", "pat", "paddy", "padraig", NULL}},
    {{"peter", "pete", NULL}},
    {{"samuel", "sam", "sammy", NULL}},
    {{"stephen", "steven", "steve", "stevie", NULL}},
    {{"thomas", "tom", "tommy", NULL}},
    {{"timothy", "tim", "timmy", NULL}},
    {{"benjamin", "ben", "benny", NULL}},
    {{"charles", "charlie", "chas", "chuck", NULL}},
    {{"andrew", "andy", "drew", NULL}},
    {{"jonathan", "jon", "jonny", NULL}},
    {{"gareth", "gary", "gaz", NULL}},
    {{"terence", "terry", "tel", NULL}},
    {{"lawrence", "laurence", "larry", "laurie", NULL}},
    {{"raymond", "ray", NULL}},
    {{"ronald", "ron", "ronnie", NULL}},
    {{"kenneth", "ken", "kenny", NULL}},
    {{"gerald", "gerry", "jerry", NULL}},
    {{"callum", "calum", "cal", NULL}},
    {{"aleksander", "olek", "aleks", "alexander", NULL}},
    {{"wojciech", "wojtek", NULL}},
    {{"katarzyna", "kasia", "kate", NULL}},
    {{"malgorzata", "małgorzata", "gosia", NULL}},
    {{"oluwaseun", "seun", NULL}},
    {{"chukwuemeka", "emeka", NULL}},
    {{"abdullah", "abdul", NULL}},
    {{"rajinder", "raj", NULL}},
    {{"gurpreet", "preet", NULL}},
    {{"mary", "molly", "polly", "mae", "maria", NULL}},
    {{"susan", "sue", "susie", "suzanne", NULL}},
    {{"patricia", "pat", "patsy", "trish", "tricia", NULL}},
    {{"jennifer", "jen", "jenny", "jenna", NULL}},
    {{"rebecca", "becky", "becca", "bex", NULL}},
    {{"victoria", "vicky", "vikki", "tori", NULL}},
    {{"samantha", "sam", "sammie", NULL}},
    {{"deborah", "debbie", "debra", "deb", NULL}},
    {{"jacqueline", "jackie", "jacqui", NULL}},
    {{"gillian", "gill", "jill", NULL}},
    {{"helen", "helena", "nell", NULL}},
    {{"eleanor", "ellie", "nora", "nell", "elinor", NULL}},
    {{"charlotte", "charlie", "lottie", NULL}},
    {{"abigail", "abbie", "abby", "gail", NULL}},
    {{"amanda", "mandy", NULL}},
    {{"josephine", "jo", "josie", NULL}},
    {{"joanne", "jo", "joanna", NULL}},
    {{"natalie", "nat", "natasha", "tasha", NULL}},
    {{"sarah", "sara", "sally", NULL}},
    {{"theresa", "teresa", "tess", "tessa", NULL}},
    {{"dorothy", "dot", "dolly", "dottie", NULL}},
    {{"ann", "anne", "annie", "anna", "hannah", NULL}},
    {{"fatima", "fatimah", "fatma", NULL}},
    {{"aisha", "ayesha", "aysha", NULL}},
    {{"sinead", "sinéad", "shinead", NULL}},
    {{"niamh", "neve", "neave", NULL}},
    {{"sian", "siân", "shan", NULL}},
    {{"bronwen", "bron", NULL}},
};

const vg_name_group *vg_name_groups(size_t *count)
{
    *count = sizeof groups / sizeof groups[0];
    return groups;
}

/* Every name of every group, sorted, for a binary search (built once). */
typedef struct name_entry {
    const char *name;
    unsigned short group;
} name_entry;

static name_entry by_name[8 * sizeof groups / sizeof groups[0]];
static size_t n_by_name;
static pthread_once_t by_name_once = PTHREAD_ONCE_INIT;

static int cmp_entry(const void *a, const void *b)
{
    const name_entry *x = a, *y = b;
    int c = strcasecmp(x->name, y->name);
    return c ? c : (x->group > y->group) - (x->group < y->group);
}

static void build_by_name(void)
{
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        for (int k = 0; k < 8 && groups[i].names[k]; k++)
            by_name[n_by_name++] = (name_entry){groups[i].names[k], (unsigned short)i};
    /* a name in several groups is found in its first group, as a scan in order would */
    qsort(by_name, n_by_name, sizeof by_name[0], cmp_entry);
}

const vg_name_group *vg_name_group_find(const char *name)
{
    if (!name)
        return NULL;
    pthread_once(&by_name_once, build_by_name);
    size_t lo = 0, hi = n_by_name;
    while (lo < hi) { /* the first entry not below name */
        size_t mid = lo + (hi - lo) / 2;
        if (strcasecmp(by_name[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n_by_name && strcasecmp(by_name[lo].name, name) == 0 ? &groups[by_name[lo].group] : NULL;
}
