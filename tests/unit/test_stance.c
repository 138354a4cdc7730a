/* SPDX-License-Identifier: MIT */
/*
 * Stance and tone detection through the real pipeline (document ->
 * extractor -> evidence), table-driven: each French sentence comes with the
 * exact set of stance and tone relations expected, written
 * "src>dst+" / "src>dst-" (stance) and "a~b+" / "a~b-" (tone, a < b).
 * Plus lexicon loader errors and an allocation-failure loop.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <relgraph/alloc.h>
#include <relgraph/errors.h>
#include <relgraph/extract.h>
#include <relgraph/io.h>
#include <relgraph/reader.h>
#include <relgraph/stance.h>

typedef struct {
    const char *text;
    const char *expect;
} stance_case;

/* Dated 2018-06-15: Trump, May, Macron, Poutine, Erdogan in office. */
static const stance_case cases[] = {
    /* --- direct subject, object, "à", "avec" --- */
    { "Vladimir Poutine a félicité Donald Trump pour sa victoire.", "poutine>trump+" },
    { "Emmanuel Macron salue Angela Merkel.", "macron>merkel+" },
    { "Theresa May a remercié Emmanuel Macron pour son soutien.", "may>macron+" },
    { "Donald Trump critique vivement Angela Merkel.", "trump>merkel-" },
    { "Recep Tayyip Erdogan a dénoncé Benyamin Netanyahou.", "erdogan>netanyahou-" },
    { "Poutine propose à Trump une coopération pragmatique.", "poutine>trump+" },
    { "Donald Trump menace Kim Jong-un.", "trump>kim-" },
    { "Emmanuel Macron a exigé de Vladimir Poutine la libération des prisonniers.", "macron>poutine-" },
    { "Angela Merkel soutient Emmanuel Macron.", "merkel>macron+" },
    { "Donald Trump a insulté Justin Trudeau.", "trump>trudeau-" },
    { "Boris Johnson se moque de Donald Trump.", "johnson>trump-" },
    { "Theresa May accuse Vladimir Poutine.", "may>poutine-" },
    { "Hassan Rohani rejette l'offre de Donald Trump.", "rohani>trump-" },
    { "Emmanuel Macron a invité Donald Trump à Paris.", "macron>trump+" },
    { "Vladimir Poutine a reçu Recep Tayyip Erdogan au Kremlin.", "poutine>erdogan+" },
    { "Donald Trump a souhaité à Emmanuel Macron un bon anniversaire.", "trump>macron+" },
    /* --- inflections --- */
    { "La Russie condamne la Turquie.", "RUS>TUR-" },
    { "Les États-Unis condamnent la Syrie.", "USA>SYR-" },
    { "L'Allemagne a condamné la Russie.", "DEU>RUS-" },
    { "La condamnation de la Syrie par la France a été rapide.", "FRA>SYR-" },
    { "Poutine avait condamné Erdogan.", "poutine>erdogan-" },
    { "Macron a critiqué Trump et félicité Merkel.", "macron>trump- macron>merkel+" },
    { "La Chine sanctionne les États-Unis.", "CHN>USA-" },
    { "La Grande-Bretagne expulse la Russie de ses instances.", "GBR>RUS-" },
    { "Le Royaume-Uni a expulsé des diplomates russes.", "GBR>RUS-" },
    /* --- passive --- */
    { "Angela Merkel a été critiquée par Donald Trump.", "trump>merkel-" },
    { "Theresa May, soutenue par Emmanuel Macron, tient bon.", "macron>may+" },
    { "Bachar el-Assad est accusé par Donald Trump.", "trump>assad-" },
    { "La Syrie a été bombardée par les États-Unis.", "USA>SYR-" },
    { "Recep Tayyip Erdogan a été félicité par Vladimir Poutine.", "poutine>erdogan+" },
    /* --- negation --- */
    { "Vladimir Poutine n'a pas condamné Bachar el-Assad.", "" },
    { "Angela Merkel ne soutient plus Theresa May.", "" },
    { "Donald Trump n'a jamais critiqué Vladimir Poutine.", "" },
    { "Emmanuel Macron ne critique guère Angela Merkel.", "" },
    { "Theresa May a rencontré Emmanuel Macron sans critiquer Donald Trump.", "may>macron+ macron>may+" },
    { "Vladimir Poutine refuse de condamner Bachar el-Assad.", "" },
    { "Emmanuel Macron s'est gardé de critiquer Donald Trump.", "" },
    { "Recep Tayyip Erdogan ne menace pas la Grèce, ni Vladimir Poutine.", "" },
    { "Donald Trump n'a pas félicité Justin Trudeau.", "" },
    /* --- reported speech --- */
    { "« Nous condamnons la Syrie », a déclaré Emmanuel Macron.", "FRA>SYR-" },
    { "« Je félicite Donald Trump », a déclaré Vladimir Poutine.", "poutine>trump+" },
    { "Vladimir Poutine a déclaré : « Je remercie Recep Tayyip Erdogan ».", "poutine>erdogan+" },
    { "Selon Theresa May, la Russie menace le Royaume-Uni.", "RUS>GBR-" },
    { "Selon Emmanuel Macron, il faut soutenir Angela Merkel.", "macron>merkel+" },
    { "« Il faut condamner Bachar el-Assad », estime Donald Trump.", "trump>assad-" },
    { "Donald Trump estime que Kim Jong-un menace le Japon.", "PRK>JPN-" },
    { "« Vladimir Poutine m'a dit : « Je soutiens Bachar el-Assad » », a raconté Emmanuel Macron.", "poutine>assad+" },
    { "« Nous soutenons Theresa May », a ajouté Angela Merkel.", "merkel>may+" },
    /* --- joint subject, reciprocal cues --- */
    { "Vladimir Poutine et Donald Trump ont convenu de se revoir.", "poutine>trump+ trump>poutine+" },
    { "MM. Poutine et Erdogan se sont mis d'accord sur la Syrie.", "erdogan>poutine+ poutine>erdogan+" },
    { "La Russie et la Turquie ont convenu de coordonner leurs actions.", "RUS>TUR+ TUR>RUS+" },
    { "Emmanuel Macron et Angela Merkel ont critiqué Donald Trump.", "macron>trump- merkel>trump-" },
    { "Donald Trump s'est entretenu avec Emmanuel Macron.", "trump>macron+ macron>trump+" },
    { "Theresa May a rencontré Angela Merkel à Berlin.", "may>merkel+ merkel>may+" },
    { "Un entretien téléphonique entre Vladimir Poutine et Donald Trump a eu lieu lundi.", "poutine>trump+ trump>poutine+" },
    { "Emmanuel Macron et Theresa May ont partagé le même constat.", "macron>may+ may>macron+" },
    /* --- homologue, les deux présidents, roles --- */
    { "Vladimir Poutine a félicité son homologue américain Donald Trump.", "poutine>trump+" },
    { "Vladimir Poutine a félicité son homologue américain.", "poutine>trump+" },
    { "Emmanuel Macron a critiqué son homologue turc.", "macron>erdogan-" },
    { "Vladimir Poutine a critiqué le président américain.", "poutine>trump-" },
    { "Donald Trump a appelé Emmanuel Macron. Les deux présidents ont convenu de se revoir.", "macron>trump+ trump>macron+" },
    { "Donald Trump a vu Vladimir Poutine. Les deux hommes se sont mis d'accord.", "poutine>trump+ trump>poutine+" },
    /* "deux" before any other noun is no pair (the prescan drops the sentence) */
    { "Donald Trump a vu Vladimir Poutine. Les deux pays se sont mis d'accord.", "" },
    { "Donald Trump a vu Vladimir Poutine. En deux heures, les deux hommes se sont mis d'accord.", "poutine>trump+ trump>poutine+" },
    /* the subject memory and the joint one, kept in one walk (rg_st__remember) */
    { "Donald Trump a vu Vladimir Poutine. Les deux hommes se sont parlé. Ils ont critiqué Kim Jong-un.", "poutine>kim- trump>kim-" },
    { "Emmanuel Macron et Angela Merkel se sont vus. Ils ont condamné la Syrie.", "DEU>SYR- FRA>SYR-" },
    { "Angela Merkel a reçu Emmanuel Macron. Il lui a dit son soutien. Elle a salué Donald Trump.", "merkel>macron+" },
    { "Emmanuel Macron a parlé avec Donald Trump. Le ministre a ajouté un mot. Il a critiqué Angela Merkel.", "" },
    { "Vladimir Poutine et Donald Trump ont parlé. Macron, lui, a critiqué Erdogan. Ils ont salué Angela Merkel.", "macron>erdogan-" },
    { "« Poutine et Trump sont là », a dit Emmanuel Macron. Il a félicité Theresa May.", "macron>may+" },
    { "Trump a décidé de quitter l'accord avec l'Iran. Il a critiqué Emmanuel Macron.", "trump>macron-" },
    { "Macron, Merkel et Theresa May étaient là. Les deux dirigeants se sont mis d'accord.", "" },
    /* --- states and metonyms --- */
    { "Londres accuse Moscou.", "GBR>RUS-" },
    { "Washington a imposé des sanctions à Moscou.", "USA>RUS-" },
    { "Le Kremlin dénonce Washington.", "RUS>USA-" },
    { "Ankara menace Damas.", "TUR>SYR-" },
    { "La Russie a fermement condamné cette attaque américaine.", "RUS>USA-" },
    { "Pékin soutient Pyongyang.", "CHN>PRK+" },
    { "Damas accuse les forces américaines.", "SYR>USA-" },
    { "Donald Trump a ordonné le bombardement de la base syrienne.", "USA>SYR-" },
    { "La France a salué la décision de l'Allemagne.", "FRA>DEU+" },
    /* --- several stances in one sentence --- */
    { "Vladimir Poutine a félicité Donald Trump et critiqué Theresa May.", "poutine>trump+ poutine>may-" },
    { "Emmanuel Macron soutient Angela Merkel mais critique Donald Trump.", "macron>merkel+ macron>trump-" },
    { "Londres accuse Moscou, qui dénonce Washington.", "GBR>RUS- RUS>USA-" },
    { "Emmanuel Macron a adressé ses vœux à Angela Merkel, Theresa May et au président turc.",
      "macron>merkel+ macron>may+ macron>erdogan+" },
    /* --- no stance --- */
    { "Vladimir Poutine était à Moscou lundi.", "" },
    { "La Russie et la Turquie sont voisines.", "" },
    { "Le sommet a été critiqué par les observateurs.", "" },
    { "La condamnation a été prononcée hier, loin de toute considération diplomatique.", "" },
    { "Donald Trump a critiqué la presse.", "" },
    { "Preuves à l'appui, Londres détaille l'affaire Skripal.", "" },
    { "Emmanuel Macron a visité une usine.", "" },
    /* --- tone --- */
    { "Les relations russo-américaines sont restées tendues.", "RUS~USA-" },
    { "Les relations entre Moscou et Ankara traversent une crise.", "RUS~TUR-" },
    { "La tension monte entre la Russie et l'Ukraine.", "RUS~UKR-" },
    { "On observe une dégradation des relations entre Paris et Rome.", "" },
    { "Le réchauffement entre la Turquie et la Russie se confirme.", "RUS~TUR+ RUS>TUR+ TUR>RUS+" },
    { "L'état très peu satisfaisant des relations franco-allemandes inquiète.", "DEU~FRA-" },
    { "La normalisation des relations entre les États-Unis et la Russie progresse.",
      "RUS~USA+ RUS>USA+ USA>RUS+" },
    { "Les relations entre Londres et Moscou n'ont jamais été aussi tendues.", "" },
    { "La coopération russo-turque se renforce.", "RUS>TUR+ TUR>RUS+" },
    /* --- subject pronouns: the latest subject of the gender --- */
    { "Bachar el-Assad a reçu des députés. Il a accusé la France de cécité.", "SYR>FRA-" },
    { "Angela Merkel était à Paris. Elle a salué Emmanuel Macron.", "merkel>macron+" },
    { "La chancelière Angela Merkel parlait après Donald Trump. Il a ensuite critiqué "
      "Emmanuel Macron.", "" },
    { "La chancelière Angela Merkel a parlé. Donald Trump a répondu. Il a ensuite critiqué "
      "Emmanuel Macron.", "trump>macron-" },
    { "La chancelière Angela Merkel a parlé. Donald Trump a répondu. Elle a ensuite critiqué "
      "Emmanuel Macron.", "merkel>macron-" },
    { "Vladimir Poutine est arrivé à Ankara. Selon la presse, il a félicité Recep Tayyip "
      "Erdogan.", "poutine>erdogan+" },
    { "Emmanuel Macron a parlé lundi. « Je soutiens Theresa May », a-t-il déclaré.",
      "macron>may+" },
    { "Donald Trump a parlé. « Je m'entends très bien avec Kim Jong-un », confie-t-il.",
      "kim>trump+ trump>kim+" },
    { "Donald Trump est à Paris. Le ministre a ajouté qu'il condamnait Vladimir Poutine.", "" },
    { "Donald Trump est à Paris. Le ministre a ajouté. Il a condamné Vladimir Poutine.", "" },
    { "Vladimir Poutine a parlé. Il faut condamner Recep Tayyip Erdogan.", "" },
    { "Donald Trump et Vladimir Poutine se sont parlé, et il a été convenu de coopérer.",
      "poutine>trump+ trump>poutine+" },
    { "Vladimir Poutine a parlé. Dans son discours, il a loué Recep Tayyip Erdogan.",
      "poutine>erdogan+" },
    /* --- lexicon: trust (negated: distrust), tacler, boycotter, propos --- */
    { "Bachar el-Assad a déclaré ne pas pouvoir faire confiance au président turc.",
      "assad>erdogan-" },
    { "Emmanuel Macron dit faire confiance à Angela Merkel.", "macron>merkel+" },
    { "Emmanuel Macron a taclé Donald Trump.", "macron>trump-" },
    { "Le Royaume-Uni boycottera la Russie.", "GBR>RUS-" },
    { "Theresa May rapporte les propos d'un conseiller de Donald Trump.", "" },
    { "Donald Trump loue sa bonne entente avec Kim Jong-un.", "trump>kim+" },
    { "Emmanuel Macron a salué le soutien d'Angela Merkel.", "macron>merkel+" },
    /* --- noun cues and their agents --- */
    { "Vladimir Poutine a jugé injustes les accusations visant Pékin.", "" },
    { "Il y a eu des frappes conduites dans la nuit par la France et ses alliés "
      "anglo-américains à l'encontre du régime syrien.", "FRA>SYR- GBR>SYR- USA>SYR-" },
    { "A la faveur d'un accord avec les Kurdes, le régime de Damas est revenu, et Moscou "
      "avance.", "" },
    /* --- objects, places and lists --- */
    { "Donald Trump a suggéré à Emmanuel Macron de quitter l'Union européenne et de "
      "conclure un accord avec les États-Unis.", "" },
    { "Au Canada, Donald Trump a menacé de déchirer le traité nord-américain.", "" },
    { "Donald Trump a noué une relation particulière avec les présidents chinois Xi "
      "Jinping, russe Vladimir Poutine ou le prince héritier saoudien.",
      "poutine>trump+ trump>poutine+ trump>xi+ xi>trump+" },
    { "« Vladimir Poutine m'a dit : « Je soutiens Bachar el-Assad » », a raconté Emmanuel "
      "Macron.", "poutine>assad+" },
    /* --- lexicon: regretter + decision noun, s'opposer, téléphoner --- */
    { "La France, l'Allemagne et le Royaume-Uni regrettent la décision américaine.",
      "DEU>USA- FRA>USA- GBR>USA-" },
    { "Theresa May regrette le départ d'Angela Merkel.", "" },
    { "Emmanuel Macron s'oppose à Donald Trump.", "macron>trump-" },
    { "Emmanuel Macron a exprimé son opposition au chef d'État américain.", "macron>trump-" },
    { "Ankara et Paris s'opposent sur la Libye et la Syrie.", "FRA>TUR- TUR>FRA-" },
    { "La présidentielle opposera Donald Trump à Hillary Clinton.", "" },
    { "Le président américain a téléphoné à Emmanuel Macron.", "trump>macron+" },
    /* --- cues whose later words open no cue ("au", "hommage", "d'"): their stems
     * are looked up only when the cue reaches them (RG_LX_LATER) --- */
    { "Vladimir Poutine a appelé au dialogue avec Emmanuel Macron.", "poutine>macron+" },
    { "Donald Trump a rendu hommage à Emmanuel Macron.", "trump>macron+" },
    { "Emmanuel Macron et Vladimir Poutine se sont mis d'accord sur la Syrie.",
      "macron>poutine+ poutine>macron+" },
    /* --- withdrawal verbs negate the cue they govern --- */
    { "Donald Trump a annoncé son retrait de l'accord avec l'Iran.", "" },
    { "Les États-Unis ont décidé de quitter l'accord avec la Russie.", "" },
    { "Vladimir Poutine a demandé de suspendre la coopération avec la Turquie.", "" },
    { "Vladimir Poutine est sorti de sa réserve en soutenant Donald Trump.", "poutine>trump+" },
    /* --- noun cue "de X contre Y"; targets; one-way intent; peers --- */
    { "Après les attaques de Donald Trump contre la France, le ministre a réagi.", "USA>FRA-" },
    { "Les menaces de l'UE contre Israël inquiètent.", "EU>ISR-" },
    { "Alors que Donald Trump a critiqué l'accord, Emmanuel Macron a assuré que le texte "
      "restera.", "" },
    { "Donald Trump a critiqué, lundi, Emmanuel Macron.", "trump>macron-" },
    { "Donald Trump a annoncé des sanctions contre l'Iran tout en souhaitant un nouvel accord.",
      "USA>IRN-" },
    { "Dans ses vœux à Donald Trump, Vladimir Poutine s'est dit ouvert au dialogue.",
      "poutine>trump+" },
    { "La France veut trouver un accord avec les États-Unis.", "FRA>USA+" },
    { "La France et les États-Unis ont trouvé un accord.", "FRA>USA+ USA>FRA+" },
    { "Emmanuel Macron a envoyé ses vœux à ses homologues de l'Union européenne.", "" },
    { "Après Theresa May, Emmanuel Macron a critiqué Donald Trump.", "macron>trump-" },
    /* --- object pronouns: the one other person of this or the previous sentence --- */
    { "Vladimir Poutine a parlé de Donald Trump. Il lui a proposé une coopération.",
      "poutine>trump+" },
    { "Recep Tayyip Erdogan a évoqué Bachar el-Assad. Il l'a accusé de crimes.",
      "erdogan>assad-" },
    /* every form of avoir after "l'", in any case: the prescan reads them as
     * the pronoun rules do */
    { "Recep Tayyip Erdogan a évoqué Bachar el-Assad. Il l'aura accusé de crimes.",
      "erdogan>assad-" },
    { "Recep Tayyip Erdogan a évoqué Bachar el-Assad. Il L'A accusé de crimes.",
      "erdogan>assad-" },
    { "Recep Tayyip Erdogan a évoqué Bachar el-Assad. Il l'auraient accusé de crimes.",
      "erdogan>assad-" },
    /* "l a" and "l-a" are "l" then "a" for the tokenizer too: the prescan must
     * not drop such a sentence as if "l" were "l'" before a noun */
    { "Recep Tayyip Erdogan a évoqué Bachar el-Assad. Il l a accusé de crimes.",
      "erdogan>assad-" },
    { "Recep Tayyip Erdogan a évoqué Bachar el-Assad. Il l-a accusé de crimes.",
      "erdogan>assad-" },
    { "Recep Tayyip Erdogan a évoqué Bachar el-Assad. Il l\xe2\x80\x99"
      "a accusé de crimes.",
      "erdogan>assad-" },
    { "Recep Tayyip Erdogan a évoqué Bachar el-Assad. Il l'accord accusé de crimes.", "" },
    { "Emmanuel Macron a vu Angela Merkel et Theresa May. Il lui a proposé une coopération.",
      "" },
    { "Le ministre a parlé de Donald Trump. Il lui a proposé une coopération.", "" },
    { "Emmanuel Macron, lui, critique Donald Trump.", "macron>trump-" },
    /* --- plural pronouns: the last joint subject --- */
    { "Vladimir Poutine et Recep Tayyip Erdogan se sont vus. Ils ont condamné Bachar "
      "el-Assad.", "erdogan>assad- poutine>assad-" },
    { "Vladimir Poutine et Recep Tayyip Erdogan se sont vus. Ils ont convenu de coopérer.",
      "erdogan>poutine+ poutine>erdogan+" },
    { "Vladimir Poutine et Recep Tayyip Erdogan se sont vus. Donald Trump a parlé. Ils ont "
      "condamné Bachar el-Assad.", "" },
    { "Emmanuel Macron a reçu les ministres. Ils ont condamné Bachar el-Assad.", "" },
    { "Donald Trump a reçu Emmanuel Macron. Ils ont signé un accord.", "trump>macron+" },
    /* --- a reciprocal noun with no subject: "N de X avec Y", "unir X à Y" --- */
    { "Ces images montrent la relation très spéciale qui unirait le président des États-Unis "
      "à Theresa May.", "may>trump+ trump>may+" },
    { "La rencontre de Donald Trump avec Kim Jong-un a eu lieu.", "kim>trump+ trump>kim+" },
    { "La coopération de Washington avec Moscou progresse.", "RUS>USA+ USA>RUS+" },
    { "Une rencontre de Donald Trump à Moscou est prévue.", "" },
    { "Ces négociations sont dans l'impasse malgré trois sommets entre MM. Trump et Kim.", "" },
    /* --- lexicon: firmness, trade war (tone) --- */
    { "Donald Trump s'est montré ferme vis-à-vis de la Chine.", "USA>CHN-" },
    { "La guerre commerciale entre les États-Unis et la Chine se poursuit.", "CHN~USA-" },
    /* --- lexicon: tancer; condolences and sympathy with a possessive --- */
    { "Donald Trump a sèchement tancé Angela Merkel.", "trump>merkel-" },
    { "Dans un tweet, Donald Trump a tancé la proposition d'Emmanuel Macron.", "trump>macron-" },
    { "Emmanuel Macron a adressé ses condoléances à Theresa May.", "macron>may+" },
    { "Vladimir Poutine a exprimé sa compassion à Recep Tayyip Erdogan.", "poutine>erdogan+" },
    { "La France a exprimé sa sympathie au peuple britannique.", "FRA>GBR+" },
    { "La France et l'Allemagne ont présenté leurs condoléances.", "" },
    { "La compassion de la France pour les victimes est grande.", "" },
    /* --- lexicon: a stated position against; annexion/occupation + adjective = state --- */
    { "La France a rappelé sa position opposée à l'annexion israélienne du plateau.",
      "FRA>ISR-" },
    { "L'Allemagne a rappelé sa position opposée à l'occupation russe de la Crimée.",
      "DEU>RUS-" },
    { "Angela Merkel a réaffirmé sa position opposée à Donald Trump.", "merkel>trump-" },
    { "Des colis ont été adressés à Barack Obama et à d'autres personnalités hostiles à "
      "Donald Trump.", "" },
    { "Le ministre d'Emmanuel Macron a rappelé sa position opposée à la réforme voulue par "
      "Angela Merkel.", "" },
    /* --- lexicon: congratuler; renforcer la relation / les liens (reciprocal) --- */
    { "Donald Trump a congratulé Emmanuel Macron.", "trump>macron+" },
    { "La France et la Russie ont décidé de renforcer leurs liens.", "FRA>RUS+ RUS>FRA+" },
    { "Emmanuel Macron et Angela Merkel veulent renforcer leur relation.",
      "macron>merkel+ merkel>macron+" },
    { "Emmanuel Macron veut renforcer les liens avec Angela Merkel.", "macron>merkel+" },
    { "Le ministre veut renforcer les liens entre les entreprises.", "" },
    /* --- headline topic: "X sur N : Y cue ..." with no target after the cue --- */
    { "Trump sur le Bataclan : François Hollande dénonce « des propos insupportables ».",
      "hollande>trump-" },
    { "Macron sur la Syrie : Vladimir Poutine salue une décision courageuse.",
      "poutine>macron+" },
    { "Macron sur la Syrie : Vladimir Poutine salue Angela Merkel.", "poutine>merkel+" },
    { "Trump sur le Bataclan : « je condamne ces attaques », dit Theresa May.", "" },
    { "Trump sur le Bataclan, François Hollande dénonce des propos insupportables.", "" },
    /* --- the fallback target stays in the cue's own quote --- */
    { "« Nous n'avons pas déclaré la guerre à Bachar el-Assad », assure Emmanuel Macron, qui "
      "défend la légitimité de l'action.", "" },
    { "« Face à Donald Trump, nous condamnons cette décision », a déclaré Emmanuel Macron.",
      "macron>trump-" },
    { "Face à Donald Trump, Emmanuel Macron a condamné cette décision.", "macron>trump-" },
};

#include "defaults_fixture.h" /* g_actors, g_lexicon, setup, teardown */

/* canonical, sorted, space-separated relation list */
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void canon_expect(char *out, size_t size, const char *expect)
{
    char buf[1024], *parts[64], *tok, *save = NULL;
    size_t n = 0, i, len = 0;

    snprintf(buf, sizeof buf, "%s", expect);
    for (tok = strtok_r(buf, " ", &save); tok && n < 64; tok = strtok_r(NULL, " ", &save)) {
        parts[n++] = tok;
    }
    qsort(parts, n, sizeof *parts, cmp_str);
    out[0] = '\0';
    for (i = 0; i < n; i++) {
        if (i && strcmp(parts[i], parts[i - 1]) == 0) {
            continue;
        }
        len += (size_t)snprintf(out + len, size - len, "%s%s", len ? " " : "", parts[i]);
    }
}

static int run_text(char *out, size_t size, const char *text, int attribute)
{
    rg_document *doc = NULL;
    rg_extractor *ex = NULL;
    rg_evidence *ev = NULL;
    rg_extract_options o;
    char items[64][64];
    char *ptrs[64];
    size_t i, n = 0, len = 0;
    int error;

    memset(&o, 0, sizeof o);
    o.actors = g_actors;
    o.lexicon = g_lexicon;
    o.stance.attribute_states = attribute;
    out[0] = '\0';
    if ((error = rg_extractor_new(&ex, &o)) < 0 ||
        (error = rg_document_new(&doc, "t", text, strlen(text))) < 0) {
        goto cleanup;
    }
    rg_date_parse_iso(&doc->date, "2018-06-15", 10);
    doc->date_source = RG_DATE_OPTION;
    if ((error = rg_extract_document(&ev, ex, doc)) < 0) {
        goto cleanup;
    }
    for (i = 0; i < ev->n_relations && n < 64; i++) {
        const rg_relation *r = &ev->relations[i];
        if (r->type == RG_REL_COMENTION) {
            continue;
        }
        snprintf(items[n], sizeof items[n], "%s%c%s%c", rg_actors_id(g_actors, (size_t)r->source),
                 r->type == RG_REL_TONE ? '~' : '>', rg_actors_id(g_actors, (size_t)r->target),
                 r->sign > 0 ? '+' : '-');
        ptrs[n] = items[n];
        n++;
    }
    qsort(ptrs, n, sizeof *ptrs, cmp_str);
    for (i = 0; i < n; i++) {
        if (i && strcmp(ptrs[i], ptrs[i - 1]) == 0) {
            continue;
        }
        len += (size_t)snprintf(out + len, size - len, "%s%s", len ? " " : "", ptrs[i]);
    }
cleanup:
    rg_evidence_free(ev);
    rg_document_free(doc);
    rg_extractor_free(ex);
    return error;
}

static void test_table(void **state)
{
    size_t i, failed = 0;
    char got[2048], want[1024];

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(run_text(got, sizeof got, cases[i].text, 0), RG_OK);
        canon_expect(want, sizeof want, cases[i].expect);
        if (strcmp(got, want) != 0) {
            fprintf(stderr, "case %zu: %s\n  want: [%s]\n  got:  [%s]\n", i, cases[i].text,
                    want, got);
            failed++;
        }
    }
    fprintf(stderr, "stance table: %zu/%zu cases pass\n", i - failed, i);
    assert_int_equal(failed, 0);
}

static void test_attribute_states(void **state)
{
    char got[512];

    (void)state;
    assert_int_equal(run_text(got, sizeof got, "Londres accuse Moscou.", 1), RG_OK);
    assert_string_equal(got, "GBR>RUS- may>poutine-");
}

static void test_cue_span_and_weight(void **state)
{
    rg_document *doc = NULL;
    rg_extractor *ex = NULL;
    rg_evidence *ev = NULL;
    rg_extract_options o;
    const char *text = "Vladimir Poutine a fermement condamné Donald Trump.";
    size_t i, found = 0;

    (void)state;
    memset(&o, 0, sizeof o);
    o.actors = g_actors;
    o.lexicon = g_lexicon;
    assert_int_equal(rg_extractor_new(&ex, &o), RG_OK);
    assert_int_equal(rg_document_new(&doc, "t", text, strlen(text)), RG_OK);
    assert_int_equal(rg_extract_document(&ev, ex, doc), RG_OK);
    for (i = 0; i < ev->n_relations; i++) {
        const rg_relation *r = &ev->relations[i];
        if (r->type != RG_REL_STANCE) {
            continue;
        }
        found++;
        assert_int_equal(r->sign, -1);
        assert_true(r->weight > 1.99 && r->weight < 2.01);
        assert_string_equal(r->category, "condemn");
        assert_int_equal(r->cue_end - r->cue_start, strlen("condamné"));
        assert_memory_equal(ev->clean + r->cue_start, "condamné", strlen("condamné"));
    }
    assert_int_equal(found, 1);
    rg_evidence_free(ev);
    rg_document_free(doc);
    rg_extractor_free(ex);
}

/* Sentences repeated word for word are kept once, also past the 128
 * sentences whose duplicate set lives on the stack. */
static void test_dedupe_many_sentences(void **state)
{
    static char once[16384], twice[32768];
    size_t counts[2] = { 0, 0 }, lo = 0, lt = 0, i, k;
    (void)state;

    for (i = 0; i < 300; i++) {
        char s[64];
        int n = snprintf(s, sizeof s, "Le mot %c%c%c revient ici. ", 'a' + (int)(i % 26),
                         'a' + (int)(i / 26 % 26), 'a' + (int)(i / 676));
        memcpy(once + lo, s, (size_t)n);
        lo += (size_t)n;
        memcpy(twice + lt, s, (size_t)n);
        lt += (size_t)n;
        memcpy(twice + lt, s, (size_t)n); /* the repeat follows at once */
        lt += (size_t)n;
    }
    for (k = 0; k < 2; k++) {
        rg_document *doc = NULL;
        rg_extractor *ex = NULL;
        rg_evidence *ev = NULL;
        rg_extract_options o;

        memset(&o, 0, sizeof o);
        o.actors = g_actors;
        assert_int_equal(rg_extractor_new(&ex, &o), RG_OK);
        assert_int_equal(rg_document_new(&doc, "t", k ? twice : once, k ? lt : lo), RG_OK);
        assert_int_equal(rg_extract_document(&ev, ex, doc), RG_OK);
        counts[k] = ev->n_sentences;
        rg_evidence_free(ev);
        rg_document_free(doc);
        rg_extractor_free(ex);
    }
    assert_int_equal(counts[0], 300);
    assert_int_equal(counts[1], 300);
}

/* ---- lexicon loader ---- */

static int load_text(rg_lexicon **out, const char *text)
{
    char path[] = "/tmp/rg_lexicon_XXXXXX";
    int fd = mkstemp(path), error;
    FILE *f;

    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    error = rg_lexicon_load(out, path);
    unlink(path);
    return error;
}

static void test_lexicon_errors(void **state)
{
    static const struct {
        const char *text;
        const char *msg; /* expected substring */
    } bad[] = {
        { "condamner\t-\t-2.0\tcondemn\n", ":1: expected 5 tab-separated fields" },
        { "# c\n\ncondamner\t*\t-2.0\tcondemn\t-\n", ":3: sign must be +, - or 0" },
        { "condamner\t-\tabc\tcondemn\t-\n", ":1: intensity must be a number" },
        { "condamner\t-\t-12\tcondemn\t-\n", ":1: intensity must be a number" },
        { "condamner\t-\t2.0\tcondemn\t-\n", ":1: intensity contradicts the sign" },
        { "condamner\t-\t-2.0\t\t-\n", ":1: empty category" },
        { "condamner\t-\t-2.0\tcondemn\tloud\n", ":1: unknown flag \"loud\"" },
        { "condamner||x\t-\t-2.0\tcondemn\t-\n", ":1: empty cue alternative" },
        { "dire\t0\t0\tsay\t-\n", ":1: sign 0 is only for" },
        { "@adj\trusse\n", ":1: expected \"@adj" },
        { "@adj\tnord coréen\tPRK\n", ":1: state adjective must be one word" },
        { "@foo\tx\n", ":1: unknown directive" },
        { "a b c d e f g\t+\t1\tx\t-\n", ":1: cue has too many words" },
        { "ok\t+\t1\tx\t-\nbad\xff\t+\t1\tx\t-\n", ":2: invalid UTF-8" },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        rg_lexicon *lx = (rg_lexicon *)1;
        assert_int_equal(load_text(&lx, bad[i].text), RG_EPARSE);
        assert_null(lx);
        if (!strstr(rg_error_last()->message, bad[i].msg)) {
            fail_msg("case %zu: message \"%s\" lacks \"%s\"", i, rg_error_last()->message,
                     bad[i].msg);
        }
    }
}

static void test_lexicon_ok_and_missing(void **state)
{
    rg_lexicon *lx = NULL;

    (void)state;
    assert_int_equal(load_text(&lx, "# comment\r\ncondamner\t-\t-2.0\tcondemn\t-\r\n"
                                    "@adj\trusse|russes\tRUS\n"), RG_OK);
    assert_non_null(lx);
    rg_lexicon_free(lx);
    rg_lexicon_free(NULL);
    assert_int_equal(rg_lexicon_load(&lx, "/nonexistent/lexicon.tsv"), RG_EIO);
    assert_null(lx);
}

/* ---- allocation failures: every failure is clean (ASan checks leaks) ---- */

static void test_alloc_failures(void **state)
{
    long n;
    int ok_seen = 0;

    (void)state;
    for (n = 1; n < 20000 && !ok_seen; n++) {
        rg_lexicon *lx = NULL;
        rg_stance_ctx *ctx = NULL;
        rg_relation *rels = NULL;
        size_t nr = 0, cap = 0;
        const char *text = "Vladimir Poutine a félicité Donald Trump.";
        rg_mention m[2];
        rg_span sp = { 0, strlen(text) };
        int error;

        m[0].actor = rg_actors_find(g_actors, "poutine");
        m[0].sentence = 0;
        m[0].start = 0;
        m[0].end = 16;
        m[0].kind = RG_MENTION_NAME;
        m[1].actor = rg_actors_find(g_actors, "trump");
        m[1].sentence = 0;
        m[1].start = 28;
        m[1].end = 40;
        m[1].kind = RG_MENTION_NAME;
        rg_alloc_fail_at(n);
        error = rg_lexicon_default(&lx);
        if (error == RG_OK) {
            error = rg_stance_ctx_new(&ctx, g_actors, NULL, NULL);
        }
        if (error == RG_OK) {
            error = rg_stance_sentence(&rels, &nr, &cap, lx, ctx, text, sp, 0, m, 2);
        }
        rg_alloc_fail_at(0);
        if (error == RG_OK) {
            ok_seen = 1;
            assert_int_equal(nr, 1);
            assert_int_equal(rels[0].sign, 1);
        } else {
            assert_int_equal(error, RG_ERROR);
        }
        rg_free(rels);
        rg_stance_ctx_free(ctx);
        rg_lexicon_free(lx);
    }
    assert_true(ok_seen);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_attribute_states),
        cmocka_unit_test(test_cue_span_and_weight),
        cmocka_unit_test(test_dedupe_many_sentences),
        cmocka_unit_test(test_lexicon_errors),
        cmocka_unit_test(test_lexicon_ok_and_missing),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
