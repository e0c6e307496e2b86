/* data.c - fixed inputs of the synthetic force: the fictional geography of "Wessex"
 * (sized like Hampshire's local authorities, named after Thomas Hardy's places), name
 * and street lists, and the crime categories with their calibration targets and
 * behaviour. Nothing here describes a real person or address. */
#include "synth/synth_int.h"

#include <stddef.h>

const char *const sy_county_name = "Wessex County Council";

/* Eleven districts of the county, then three unitary authorities. Populations are the
 * mid-2013 sizes of Hampshire's authorities, in thousands; positions are in the
 * Hampshire part of the British National Grid. */
const sy_la_def sy_las[] = {
    {"Stoke-Barehills", "WX00000001", VG_TIER_DISTRICT, 170, 463000, 152000, 14000, 0.45},
    {"Wintoncester", "WX00000002", VG_TIER_DISTRICT, 118, 448000, 130000, 15000, 0.35},
    {"Casterbridge", "WX00000003", VG_TIER_DISTRICT, 128, 445000, 119000, 7000, 0.5},
    {"Budmouth", "WX00000004", VG_TIER_DISTRICT, 113, 456000, 107000, 6000, 0.45},
    {"Shaston", "WX00000005", VG_TIER_DISTRICT, 84, 459000, 99000, 4000, 0.6},
    {"Sherton Abbas", "WX00000006", VG_TIER_DISTRICT, 93, 478000, 155000, 8000, 0.3},
    {"Anglebury", "WX00000007", VG_TIER_DISTRICT, 121, 472000, 108000, 6000, 0.55},
    {"Port Bredy", "WX00000008", VG_TIER_DISTRICT, 178, 425000, 105000, 15000, 0.3},
    {"Kingsbere", "WX00000009", VG_TIER_DISTRICT, 95, 486000, 152000, 4000, 0.55},
    {"Weatherbury", "WX00000010", VG_TIER_DISTRICT, 117, 432000, 140000, 15000, 0.3},
    {"Emminster", "WX00000011", VG_TIER_DISTRICT, 116, 474000, 125000, 12000, 0.3},
    {"Havenpool", "WX00000012", VG_TIER_UNITARY, 209, 465000, 101000, 4000, 0.9},
    {"Sandbourne", "WX00000013", VG_TIER_UNITARY, 242, 442000, 113000, 5000, 0.9},
    {"Isle of Slingers", "WX00000014", VG_TIER_UNITARY, 139, 450000, 85000, 12000, 0.4},
};
const int sy_n_las = sizeof sy_las / sizeof sy_las[0];

/* Family names with relative frequencies (roughly those of England and Wales, with the
 * country's diversity; a few non-ASCII spellings so matching meets them). */
const sy_weighted sy_family_names[] = {
    {"Smith", 126}, {"Jones", 75}, {"Williams", 62}, {"Taylor", 56}, {"Brown", 52}, {"Davies", 49},
    {"Evans", 37}, {"Wilson", 37}, {"Thomas", 36}, {"Johnson", 35}, {"Roberts", 33}, {"Robinson", 32},
    {"Thompson", 32}, {"Wright", 31}, {"Walker", 30}, {"White", 29}, {"Edwards", 28}, {"Hughes", 28},
    {"Green", 27}, {"Hall", 27}, {"Lewis", 26}, {"Harris", 26}, {"Clarke", 25}, {"Patel", 25},
    {"Jackson", 24}, {"Wood", 24}, {"Turner", 23}, {"Martin", 23}, {"Cooper", 22}, {"Hill", 22},
    {"Ward", 22}, {"Morris", 21}, {"Moore", 21}, {"Clark", 21}, {"Lee", 20}, {"King", 20},
    {"Baker", 20}, {"Harrison", 19}, {"Morgan", 19}, {"Allen", 18}, {"James", 18}, {"Scott", 18},
    {"Phillips", 17}, {"Watson", 17}, {"Davis", 17}, {"Parker", 16}, {"Price", 16}, {"Bennett", 16},
    {"Young", 16}, {"Griffiths", 15}, {"Mitchell", 15}, {"Kelly", 15}, {"Cook", 15}, {"Carter", 15},
    {"Richardson", 14}, {"Bailey", 14}, {"Collins", 14}, {"Bell", 14}, {"Shaw", 14}, {"Murphy", 14},
    {"Miller", 13}, {"Cox", 13}, {"Richards", 13}, {"Khan", 13}, {"Marshall", 13}, {"Anderson", 13},
    {"Simpson", 12}, {"Ellis", 12}, {"Adams", 12}, {"Singh", 12}, {"Begum", 12}, {"Wilkinson", 12},
    {"Foster", 11}, {"Chapman", 11}, {"Powell", 11}, {"Webb", 11}, {"Rogers", 11}, {"Gray", 11},
    {"Mason", 11}, {"Ali", 11}, {"Hunt", 10}, {"Hussain", 10}, {"Campbell", 10}, {"Matthews", 10},
    {"Owen", 10}, {"Palmer", 10}, {"Holmes", 10}, {"Mills", 10}, {"Barnes", 9}, {"Knight", 9},
    {"Lloyd", 9}, {"Butler", 9}, {"Russell", 9}, {"Barker", 9}, {"Fisher", 9}, {"Stevens", 9},
    {"Jenkins", 9}, {"Murray", 9}, {"Dixon", 9}, {"Harvey", 9}, {"Graham", 8}, {"Pearson", 8},
    {"Ahmed", 8}, {"Fletcher", 8}, {"Walsh", 8}, {"Kaur", 8}, {"Gibson", 8}, {"Howard", 8},
    {"Andrews", 8}, {"Stewart", 8}, {"Elliott", 8}, {"Reynolds", 7}, {"Saunders", 7}, {"Payne", 7},
    {"Fox", 7}, {"Ford", 7}, {"Pearce", 7}, {"Day", 7}, {"Brooks", 7}, {"West", 7}, {"Lawrence", 7},
    {"Cole", 7}, {"Atkinson", 7}, {"Bradley", 7}, {"Spencer", 7}, {"Gill", 6}, {"Dawson", 6},
    {"Ball", 6}, {"Burton", 6}, {"O'Brien", 6}, {"Watts", 6}, {"Rose", 6}, {"Booth", 6}, {"Perry", 6},
    {"Ryan", 6}, {"Grant", 6}, {"Wells", 6}, {"Armstrong", 6}, {"Francis", 6}, {"Rees", 6},
    {"Hayes", 6}, {"Hart", 5}, {"Hudson", 5}, {"Newman", 5}, {"Barrett", 5}, {"Webster", 5},
    {"Hunter", 5}, {"Gregory", 5}, {"Carr", 5}, {"Lowe", 5}, {"Page", 5}, {"Marsh", 5}, {"Riley", 5},
    {"Dunn", 5}, {"Woods", 5}, {"Parsons", 5}, {"Berry", 5}, {"Stone", 5}, {"Reid", 5},
    {"Holland", 5}, {"Hawkins", 5}, {"Harding", 5}, {"Porter", 5}, {"Robertson", 5}, {"Newton", 5},
    {"Oliver", 5}, {"Reed", 5}, {"Kennedy", 5}, {"Williamson", 5}, {"Bird", 5}, {"Gardner", 5},
    {"Shah", 4}, {"Dodd", 4}, {"Bishop", 4}, {"Sharma", 4}, {"Rahman", 4}, {"Islam", 4},
    {"Iqbal", 4}, {"Akhtar", 4}, {"Mahmood", 4}, {"Malik", 4}, {"Kumar", 4}, {"Hassan", 4},
    {"Ibrahim", 4}, {"Mohamed", 4}, {"Nowak", 4}, {"Kowalski", 3}, {"Wiśniewski", 3},
    {"Zieliński", 2}, {"Mensah", 3}, {"Osei", 3}, {"Okonkwo", 2}, {"Adeyemi", 3}, {"Okafor", 2},
    {"Chen", 3}, {"Wang", 3}, {"Nguyen", 3}, {"Silva", 3}, {"Santos", 3}, {"Ferreira", 3},
    {"Yilmaz", 2}, {"Popescu", 2}, {"Doyle", 4}, {"Byrne", 4}, {"O'Neill", 4}, {"MacDonald", 4},
    {"Fraser", 3}, {"Sinclair", 3}, {"Llewellyn", 3}, {"Pritchard", 3}, {"Vaughan", 3},
    {"Müller", 2}, {"Dvořák", 1}, {"Núñez", 1}, {"Søndergaard", 1}, {"Abdi", 3}, {"Farah", 3},
    {"Uddin", 3}, {"Chaudhry", 3}, {"Begg", 2}, {"Ó Briain", 1}, {"Featherstonehaugh", 1},
};
const int sy_n_family_names = sizeof sy_family_names / sizeof sy_family_names[0];

const char *const sy_male_names[] = {
    "James", "John", "David", "Michael", "Paul", "Andrew", "Mark", "Richard", "Peter", "Robert",
    "Christopher", "Stephen", "Daniel", "Thomas", "Matthew", "Anthony", "William", "Joseph", "Simon",
    "Steven", "Ian", "Gary", "Jonathan", "Kevin", "Martin", "Lee", "Darren", "Craig", "Jason", "Neil",
    "Samuel", "Benjamin", "Jack", "Oliver", "Harry", "Charlie", "George", "Jacob", "Alexander",
    "Ryan", "Liam", "Connor", "Callum", "Kieran", "Jordan", "Nathan", "Luke", "Adam", "Aaron",
    "Joshua", "Dylan", "Ethan", "Mohammed", "Muhammad", "Ali", "Omar", "Hassan", "Imran", "Rajinder",
    "Gurpreet", "Arjun", "Wojciech", "Piotr", "Tomasz", "Aleksander", "Chukwuemeka", "Kwame",
    "Oluwaseun", "Ahmed", "Yusuf", "Patrick", "Sean", "Dafydd", "Gareth", "Rhys", "Owen", "Edward",
    "Henry", "Frederick", "Terence", "Raymond", "Kenneth", "Ronald", "Gerald", "Nicholas", "Timothy",
    "Abdullah", "José", "Zoltán",
};
const int sy_n_male_names = sizeof sy_male_names / sizeof sy_male_names[0];

const char *const sy_female_names[] = {
    "Sarah", "Emma", "Claire", "Nicola", "Lisa", "Helen", "Karen", "Michelle", "Rachel", "Joanne",
    "Laura", "Louise", "Amanda", "Julie", "Susan", "Margaret", "Elizabeth", "Catherine", "Mary",
    "Patricia", "Jennifer", "Rebecca", "Victoria", "Samantha", "Deborah", "Jacqueline", "Gillian",
    "Eleanor", "Charlotte", "Abigail", "Josephine", "Natalie", "Theresa", "Dorothy", "Ann",
    "Jessica", "Amy", "Lauren", "Chloe", "Hannah", "Sophie", "Olivia", "Emily", "Grace", "Ella",
    "Megan", "Jade", "Shannon", "Kayleigh", "Danielle", "Stacey", "Fatima", "Aisha", "Ayesha",
    "Nusrat", "Priya", "Gurpreet", "Katarzyna", "Agnieszka", "Malgorzata", "Chioma", "Abena",
    "Siobhan", "Sinead", "Niamh", "Sian", "Bronwen", "Alexandra", "Christine", "Anne", "Zoë",
    "Chloé", "Renée", "Ngozi", "Mei", "Linh", "Ana",
};
const int sy_n_female_names = sizeof sy_female_names / sizeof sy_female_names[0];

const char *const sy_street_names[] = {
    "High", "Church", "Station", "Mill", "Park", "Victoria", "Queens", "Kings", "Manor", "Grange",
    "School", "Chapel", "North", "South", "West", "East", "Green", "London", "Windmill", "Orchard",
    "Meadow", "Oak", "Ash", "Beech", "Elm", "Willow", "Chestnut", "Cedar", "Holly", "Hawthorn",
    "Rose", "Primrose", "Bluebell", "Cherry", "Forest", "Heath", "Downs", "Harbour", "Quay",
    "Market", "Castle", "Abbey", "Priory", "Bridge", "River", "Brook", "Spring", "Well", "Hill",
    "Highfield", "Southfield", "Fairfield", "Longmead", "Greenacre", "Kingsway", "Nelson",
    "Wellington", "Trafalgar", "Hardy", "Tess", "Egdon", "Knapwater", "Froom", "Durnover",
    "Mellstock", "Talbothays", "Marlott", "Stourcastle", "Chalk", "Lynch", "Coppice", "Furzey",
    "Tithe", "Pound", "Smithy", "Forge", "Tannery", "Brewery", "Ropewalk", "Saltern", "Ferry",
};
const int sy_n_street_names = sizeof sy_street_names / sizeof sy_street_names[0];

const char *const sy_street_types[] = {"Road", "Street", "Lane", "Close", "Avenue", "Way", "Drive", "Gardens", "Crescent", "Place"};
const char *const sy_street_types_abbr[] = {"Rd", "St", "Ln", "Cl", "Ave", "Way", "Dr", "Gdns", "Cres", "Pl"};
const int sy_n_street_types = sizeof sy_street_types / sizeof sy_street_types[0];

const char *const sy_localities[] = {
    "Central", "North", "South", "East", "West", "Old Town", "Harbourside", "Hill", "Park",
    "Green", "Fields", "Market", "Riverside", "Heath", "Common", "Village", "Downs", "Marsh",
    "Abbey", "Castle", "Upper", "Lower", "Mill", "Quay", "Grange", "Meadows", "Wood", "Cross",
};
const int sy_n_localities = sizeof sy_localities / sizeof sy_localities[0];

/* Pre-2011 NSIR ASB types, kept as a sub-type alongside the three categories. */
const char *const sy_asb_types[] = {
    "Abandoned vehicles", "Animal problems", "Begging/vagrancy", "Hoax calls to emergency services",
    "Fireworks", "Malicious/nuisance communications", "Noise", "Prostitution-related activity",
    "Rowdy/nuisance: environmental damage/littering", "Rowdy/nuisance neighbours",
    "Rowdy or inconsiderate behaviour", "Street drinking", "Trespass", "Vehicle nuisance/inappropriate use",
};
const int sy_n_asb_types = sizeof sy_asb_types / sizeof sy_asb_types[0];

/* The 19 offence categories of the Home Office force-area table. Targets: Hampshire,
 * 12 months ending 30-06-2014 (shared/data/home-office/rec-crime-pfa.csv). */
const sy_category sy_categories[] = {
    {"Homicide", 18, {{"1", 90}, {"4.1", 10}, {NULL, 0}},
     LOC_HOME, VIC_PERSON, 0.0, 0.95, 0.35, 0.05, OUT_SERIOUS, HOURS_NIGHT, 16, 80, 0.35},
    {"Death or serious injury caused by illegal driving", 21, {{"4.4", 50}, {"4.8", 30}, {"4.9", 10}, {"4.6", 10}, {NULL, 0}},
     LOC_PLACE, VIC_PERSON, 0.0, 0.95, 0.0, 0.0, OUT_SERIOUS, HOURS_ANY, 16, 85, 0.4},
    {"Violence with injury", 10053, {{"8N", 80}, {"5D", 9}, {"8P", 3}, {"5E", 2}, {"2", 1}, {"8K", 1}, {"4.7", 0.5}, {NULL, 0}},
     LOC_PLACE, VIC_PERSON, 0.45, 0.75, 0.33, 0.01, OUT_VIOLENCE, HOURS_NIGHT, 14, 70, 0.42},
    {"Violence without injury", 10626, {{"105A", 72}, {"104", 6}, {"3B", 5}, {"11A", 7}, {"105B", 5}, {"36", 1}, {"13", 0.5}, {NULL, 0}},
     LOC_PLACE, VIC_PERSON, 0.45, 0.7, 0.35, 0.0, OUT_VIOLENCE, HOURS_NIGHT, 10, 75, 0.5},
    {"Stalking and harassment", 1263, {{"8L", 80}, {"8Q", 10}, {"8M", 10}, {NULL, 0}},
     LOC_HOME, VIC_PERSON, 0.60, 0.85, 0.45, 0.0, OUT_VIOLENCE, HOURS_ANY, 16, 70, 0.7},
    {"Sexual offences", 1963, {{"19C", 25}, {"19D", 5}, {"19E", 3}, {"19F", 2}, {"19G", 1}, {"19H", 1}, {"20A", 30}, {"20B", 5}, {"17A", 3}, {"17B", 2}, {"21", 3}, {"22B", 5}, {"88E", 8}, {"71", 2}, {"23", 1}, {"88A", 2}, {"22A", 2}, {NULL, 0}},
     LOC_HOME, VIC_PERSON, 0.15, 0.6, 0.25, 0.0, OUT_SERIOUS, HOURS_NIGHT, 8, 60, 0.85},
    {"Robbery", 635, {{"34B", 88}, {"34A", 12}, {NULL, 0}},
     LOC_PLACE, VIC_PERSON, 0.05, 0.3, 0.0, 0.15, OUT_SERIOUS, HOURS_NIGHT, 14, 60, 0.3},
    {"Theft from the person", 1569, {{"39", 100}, {NULL, 0}},
     LOC_PLACE, VIC_PERSON, 0.05, 0.1, 0.0, 0.0, OUT_ACQUISITIVE, HOURS_DAY, 16, 80, 0.55},
    {"Bicycle theft", 3838, {{"44", 100}, {NULL, 0}},
     LOC_ADDRESS, VIC_PERSON, 0.15, 0.05, 0.0, 0.0, OUT_ACQUISITIVE, HOURS_ANY, 12, 65, 0.3},
    {"Shoplifting", 11399, {{"46", 100}, {NULL, 0}},
     LOC_SHOP, VIC_BUSINESS, 0.0, 0.65, 0.0, 0.02, OUT_SHOPLIFTING, HOURS_DAY, 18, 60, 0.6},
    {"All other theft offences", 13595, {{"49", 74}, {"40", 5}, {"41", 3}, {"47", 1}, {"49A", 12}, {"35", 2}, {"42", 1}, {"43", 1}, {NULL, 0}},
     LOC_ADDRESS, VIC_PERSON, 0.25, 0.2, 0.05, 0.0, OUT_ACQUISITIVE, HOURS_ANY, 16, 80, 0.5},
    {"Vehicle offences", 7515, {{"45", 55}, {"48", 25}, {"126", 15}, {"37.2", 5}, {NULL, 0}},
     LOC_ADDRESS, VIC_PERSON, 0.20, 0.1, 0.0, 0.05, OUT_ACQUISITIVE, HOURS_NIGHT, 18, 80, 0.4},
    {"Domestic burglary", 3776, {{"28A", 65}, {"28B", 25}, {"28C", 5}, {"28D", 2}, {"29", 3}, {NULL, 0}},
     LOC_NEAR_REPEAT, VIC_PERSON, 0.0, 0.12, 0.0, 0.10, OUT_ACQUISITIVE, HOURS_ANY, 20, 90, 0.5},
    {"Non-domestic burglary", 7094, {{"30A", 75}, {"30B", 23}, {"31", 2}, {NULL, 0}},
     LOC_COMMERCIAL, VIC_BUSINESS, 0.0, 0.08, 0.0, 0.05, OUT_ACQUISITIVE, HOURS_NIGHT, 25, 75, 0.3},
    {"Criminal damage and arson", 16039, {{"58A", 28}, {"58B", 12}, {"58C", 35}, {"58D", 15}, {"56B", 7}, {"56A", 1}, {"58E", 1}, {"58G", 1}, {NULL, 0}},
     LOC_ADDRESS, VIC_PERSON, 0.40, 0.25, 0.10, 0.0, OUT_ACQUISITIVE, HOURS_NIGHT, 18, 85, 0.5},
    {"Drug offences", 6348, {{"92E", 55}, {"92D", 20}, {"92A", 22}, {"92C", 3}, {NULL, 0}},
     LOC_PLACE, VIC_NONE, 0.0, 1.0, 0.0, 0.12, OUT_SOCIETY, HOURS_ANY, 0, 0, 0},
    {"Possession of weapons offences", 604, {{"10D", 50}, {"10C", 35}, {"10B", 10}, {"10A", 2}, {"81", 3}, {NULL, 0}},
     LOC_PLACE, VIC_NONE, 0.0, 1.0, 0.0, 0.1, OUT_SOCIETY, HOURS_NIGHT, 0, 0, 0},
    {"Public order offences", 4577, {{"9A", 85}, {"9B", 12}, {"62A", 1}, {"66", 2}, {NULL, 0}},
     LOC_PLACE, VIC_NONE, 0.0, 0.9, 0.0, 0.0, OUT_SOCIETY, HOURS_NIGHT, 0, 0, 0},
    {"Miscellaneous crimes against society", 1479, {{"83", 20}, {"54", 12}, {"802", 12}, {"33", 8}, {"79", 5}, {"59", 10}, {"99", 10}, {"61A", 5}, {"86", 5}, {"80", 3}, {"95", 3}, {"96", 2}, {"38", 3}, {"24", 1}, {"27", 1}, {NULL, 0}},
     LOC_PLACE, VIC_NONE, 0.0, 0.95, 0.0, 0.05, OUT_SOCIETY, HOURS_ANY, 0, 0, 0},
};
const int sy_n_categories = sizeof sy_categories / sizeof sy_categories[0];
