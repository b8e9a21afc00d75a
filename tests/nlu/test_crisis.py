"""Crisis detection: every kind with typos and indirect wording, and no alarm on everyday
words that only look like danger."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from imhbot.content.loader import load_content
from imhbot.content.vocabulary import CRISIS_KIND_IDS, MatchingSettings, Safety
from imhbot.nlu.crisis import CrisisDetector
from imhbot.nlu.exclusions import exclusion_parts, exclusion_problems
from imhbot.nlu.syntax import SYNTAX
from imhbot.nlu.understanding import calm_messages

CONTENT = Path(__file__).resolve().parents[2] / "content"


@cache
def safety() -> Safety:
    return Safety.model_validate(
        yaml.safe_load((CONTENT / "safety.yaml").read_text(encoding="utf-8"))
    )


@cache
def calm() -> tuple[str, ...]:
    """The calm messages the safety net learns from, as the bot itself builds it."""
    return tuple(calm_messages(load_content(CONTENT, syntax=SYNTAX)))


@cache
def detector() -> CrisisDetector:
    matching = MatchingSettings.model_validate(
        yaml.safe_load((CONTENT / "matching.yaml").read_text(encoding="utf-8"))
    )
    return CrisisDetector.build(safety(), matching.spelling, calm=calm())


@cache
def detector_without_chat_spelling() -> CrisisDetector:
    return CrisisDetector.build(safety(), calm=calm())


CRISIS = [
    ("suicide", "ik wil er een eind aan maken"),
    ("suicide", "ik wil niet meer leven"),
    ("suicide", "ik wil niet meer"),
    ("suicide", "ik heb zelfmoordgedachten"),
    ("suicide", "ik denk erover om zelfmoord te plegen"),
    ("suicide", "ik wil mezelf van het leven beroven"),
    ("suicide", "ik wil dood"),
    ("suicide", "ik wil gewoon dood"),
    ("suicide", "ik zou het liefst dood zijn"),
    ("suicide", "was ik maar dood"),
    ("suicide", "ik wou dat ik dood was"),
    ("suicide", "het leven heeft voor mij geen zin meer"),
    ("suicide", "ik zie het echt niet meer zitten"),
    ("suicide", "ik zie geen uitweg meer"),
    ("suicide", "mijn gezin is beter af zonder mij"),
    ("suicide", "iedereen is beter af zonder mij"),
    ("suicide", "ze zijn beter af als ik er niet meer ben"),
    ("suicide", "het zou beter zijn als ik er niet meer was"),
    ("suicide", "ik wil er niet meer zijn"),
    ("suicide", "ik wil niet meer wakker worden"),
    ("suicide", "ik hoop dat ik morgen niet meer wakker word"),
    ("suicide", "ik wil slapen en nooit meer wakker worden"),
    ("suicide", "ik denk steeds aan de dood"),
    ("suicide", "ik heb gedachten over doodgaan"),
    ("suicide", "ik heb pillen verzameld"),
    ("suicide", "ik wil alle pillen innemen"),
    ("suicide", "ik wil van de flat springen"),
    ("suicide", "ik denk erover om voor de trein te springen"),
    ("suicide", "ik wil mezelf iets aandoen"),
    ("suicide", "ik doe mezelf pijn"),
    ("suicide", "ik snij in mezelf"),
    ("suicide", "ik voel me suicidaal"),
    ("suicide", "suïcidale gedachten"),
    ("suicide", "ik wil een einde aan mijn leven maken"),
    ("suicide", "ik ben klaar met het leven"),
    ("suicide", "ik kan zo niet meer leven"),
    ("suicide", "ik wil niet meer bestaan"),
    ("suicide", "ik hoop dat ik doodga"),
    ("suicide", "soms wil ik gewoon verdwijnen, voor altijd"),
    ("suicide", "ik ben alleen maar een last voor iedereen"),
    ("suicide", "zelfmoord"),
    ("suicide", "zelfmoort"),
    ("suicide", "zelfmord"),
    ("suicide", "k wil dood"),
    ("suicide", "kwil nie meer leven"),
    ("suicide", "ik wil nie meer leve"),
    ("suicide", "ik wil er een einde aan maken"),
    ("suicide", "ik heb een afscheidsbrief geschreven"),
    ("suicide", "ik ben levensmoe"),
    ("suicide", "ik ga mezelf ophangen"),
    ("suicide", "ik heb een touw gekocht om mezelf op te hangen"),
    ("suicide", "ik heb een overdosis genomen"),
    ("suicide", "ik heb te veel pillen geslikt"),
    ("suicide", "ik wil uit het leven stappen"),
    ("suicide", "ik heb geen reden meer om te leven"),
    ("suicide", "waarom zou ik nog leven"),
    ("harm_child", "ik ben bang dat ik mijn baby iets aandoe"),
    ("harm_child", "ik ben bang dat ik hem pijn ga doen"),
    ("harm_child", "ik heb mijn baby door elkaar geschud"),
    ("harm_child", "ik heb hem geschud omdat hij bleef huilen"),
    ("harm_child", "ik heb mn dochter geslagen"),
    ("harm_child", "ik sla mijn kind soms"),
    ("harm_child", "ik heb haar een klap gegeven"),
    ("harm_child", "ik heb mijn zoon een mep gegeven"),
    ("harm_child", "ik heb de baby te hard vastgepakt"),
    ("harm_child", "ik heb hem hard neergelegd in bed"),
    ("harm_child", "ik kan mezelf niet meer beheersen bij de baby"),
    ("harm_child", "ik ben bang dat ik de controle verlies en de baby iets doe"),
    ("harm_child", "ik wil hem soms door het raam gooien"),
    ("harm_child", "ik heb de neiging om haar te slaan"),
    ("harm_child", "soms wil ik de baby schudden tot hij stil is"),
    ("harm_child", "ik heb een kussen op haar gezicht gelegd"),
    ("harm_child", "ik heb mijn kind gewurgd"),
    ("harm_child", "ik heb de baby laten vallen met opzet"),
    ("harm_child", "ik heb hem in zijn bed gegooid"),
    ("harm_child", "ik heb haar geknepen tot ze huilde"),
    ("harm_child", "ik vertrouw mezelf niet met mijn baby"),
    ("harm_child", "ik heb gedachten om mijn baby pijn te doen"),
    ("harm_child", "ik heb m geslage"),
    ("harm_child", "ik heb hem door elkaar geshud"),
    ("harm_child", "ik was zo boos dat ik hem heb geslagen"),
    ("harm_child", "ik heb mijn dochter hardhandig aangepakt"),
    ("harm_child", "ik ben bang dat ik iets ergs doe met de baby"),
    ("harm_child", "ik heb de baby alleen thuis gelaten"),
    ("violence", "mijn man slaat me"),
    ("violence", "mijn vriend slaat mij"),
    ("violence", "mijn partner mishandelt mij"),
    ("violence", "ik word geslagen door mijn man"),
    ("violence", "hij heeft me geslagen"),
    ("violence", "mijn ex bedreigt mij"),
    ("violence", "hij dreigt me te vermoorden"),
    ("violence", "hij heeft me bij mijn keel gepakt"),
    ("violence", "mijn vriend heeft me gewurgd"),
    ("violence", "hij heeft me tegen de muur geduwd"),
    ("violence", "hij schopt me"),
    ("violence", "mijn man is gewelddadig"),
    ("violence", "ik ben bang dat mijn man ons iets aandoet"),
    ("violence", "ik ben bang voor mijn leven"),
    ("violence", "ik durf niet naar huis"),
    ("violence", "hij heeft me opgesloten"),
    ("violence", "ik ben gevlucht voor mijn man"),
    ("violence", "ik zit met de kinderen in de vrouwenopvang"),
    ("violence", "mijn vriend heeft me verkracht"),
    ("violence", "mijn man slaat de kinderen"),
    ("violence", "mijn partner heeft de baby geslagen"),
    ("violence", "mijn vriend heeft een mes gepakt en bedreigt ons"),
    ("violence", "hij staat voor de deur en wil binnenkomen, ik ben bang"),
    ("violence", "mijn man sloeg me gisteren waar de kinderen bij waren"),
    ("violence", "mn vriend slaat me"),
    ("violence", "hij heeft me in elkaar geslagen"),
    ("violence", "mijn ex heeft me aangevallen"),
    ("violence", "er is nu huiselijk geweld bij ons thuis"),
    ("medical", "mijn baby ademt niet"),
    ("medical", "hij ademt niet goed"),
    ("medical", "ze krijgt geen lucht"),
    ("medical", "hij is blauw aangelopen"),
    ("medical", "haar lippen zijn blauw"),
    ("medical", "hij is bewusteloos"),
    ("medical", "ze reageert nergens meer op"),
    ("medical", "hij is niet wakker te krijgen"),
    ("medical", "ze heeft een stuip"),
    ("medical", "hij heeft een koortsstuip"),
    ("medical", "hij heeft een epileptische aanval"),
    ("medical", "ze heeft 40 graden koorts en is heel suf"),
    ("medical", "baby van 6 weken heeft koorts"),
    ("medical", "hij heeft een batterij ingeslikt"),
    ("medical", "ze heeft schoonmaakmiddel gedronken"),
    ("medical", "hij heeft pillen gegeten"),
    ("medical", "hij is van de trap gevallen en reageert niet"),
    ("medical", "ze is gevallen en bloedt heel erg"),
    ("medical", "hij is op zijn hoofd gevallen en moet overgeven"),
    ("medical", "mijn kind is in het zwembad onder water geraakt"),
    ("medical", "ze heeft heet water over zich heen gekregen"),
    ("medical", "hij heeft zich verbrand"),
    ("medical", "ze is heel slap en reageert niet goed"),
    ("medical", "hij is helemaal slap"),
    ("medical", "ze stikt"),
    ("medical", "hij is zich aan het verslikken en wordt blauw"),
    ("medical", "er zit iets vast in zijn keel"),
    ("medical", "hij heeft een allergische reactie"),
    ("medical", "zijn gezicht is opgezwollen"),
    ("medical", "ik ben zwanger en ik voel de baby niet meer bewegen"),
    ("medical", "ik ben 30 weken zwanger en heb veel bloedverlies"),
    ("medical", "mijn vliezen zijn gebroken en ik ben 33 weken"),
    ("medical", "moet ik 112 bellen"),
    ("medical", "hij ademt heel snel en raar"),
    ("medical", "ze is uitgedroogd, al een dag geen natte luier"),
    ("medical", "hij heeft vlekjes die niet wegdrukken en koorts"),
    ("medical", "hij is heel benauwd"),
    ("medical", "de baby is grauw en slap"),
    ("medical", "ze is flauwgevallen"),
    ("medical", "mijn baby ademd nie"),
    ("medical", "hij is bewusteloss"),
    ("medical", "ze heeft een stuipje"),
    ("suicide", "ik zou willen dat ik er niet meer was"),
    ("suicide", "ik wil er gewoon niet meer zijn"),
    ("suicide", "het hoeft allemaal niet meer voor mij"),
    ("suicide", "ik kan niet meer en wil niet meer"),
    ("suicide", "ik wil stoppen met leven"),
    ("suicide", "ik wil niet meer verder leven"),
    ("suicide", "ik heb geen zin meer om te leven"),
    ("suicide", "ik denk erover om er een eind aan te maken"),
    ("suicide", "ik heb er vaak over nagedacht om mezelf te doden"),
    ("suicide", "ik wil mezelf doodmaken"),
    ("suicide", "ik wil me van kant maken"),
    ("suicide", "soms denk ik aan springen"),
    ("suicide", "ik heb zin om voor een trein te springen"),
    ("suicide", "ik zou zo van het balkon kunnen springen"),
    ("suicide", "ik wou dat ik dood was"),
    ("suicide", "dood zijn lijkt me rustiger"),
    ("suicide", "ik heb al een afscheidsbrief voor de kinderen"),
    ("suicide", "mijn kinderen zijn beter af zonder moeder"),
    ("suicide", "ik ben alleen maar tot last"),
    ("suicide", "er is geen uitweg meer voor mij"),
    ("suicide", "ik zie geen toekomst meer"),
    ("suicide", "ik wil slapen en nooit meer wakker worden"),
    ("suicide", "ik heb een hele strip pillen genomen"),
    ("suicide", "ik heb me expres gesneden"),
    ("suicide", "ik bekras mijn armen"),
    ("suicide", "ik denk aan de dood als oplossing"),
    ("suicide", "ik hoop dat ik een ongeluk krijg"),
    ("harm_child", "ik heb zin om hem door elkaar te schudden"),
    ("harm_child", "ik heb mijn zoontje geslagen"),
    ("harm_child", "ik heb haar hard in haar gezicht geslagen"),
    ("harm_child", "ik word zo woedend dat ik de baby bijna sla"),
    ("harm_child", "ik heb hem aan zijn arm meegesleurd en nu heeft hij blauwe plekken"),
    ("harm_child", "ik heb hem een duw gegeven en hij viel"),
    ("harm_child", "ik ben bang dat ik mijn kind ga slaan"),
    ("harm_child", "ik heb de baby hard op het bed gegooid"),
    ("harm_child", "ik heb mijn hand voor zijn mond gehouden tot hij stil was"),
    ("harm_child", "ik heb haar in haar arm geknepen"),
    ("harm_child", "ik ben bang dat ik haar laat stikken"),
    ("harm_child", "ik heb gedachten om hem te verdrinken in bad"),
    ("violence", "mijn partner is gewelddadig tegen mij"),
    ("violence", "hij slaat me als hij dronken is"),
    ("violence", "mijn man trapt me"),
    ("violence", "hij heeft me bij de keel gegrepen"),
    ("violence", "mijn vriend dreigt me te slaan"),
    ("violence", "mijn ex zegt dat hij me gaat vermoorden"),
    ("violence", "hij houdt me vast en laat me niet gaan"),
    ("violence", "ik ben door mijn man verkracht"),
    ("violence", "mijn vriend heeft me een klap gegeven"),
    ("violence", "mijn man heeft me een blauw oog geslagen"),
    ("violence", "ik word thuis mishandeld"),
    ("violence", "mijn man mishandelt de kinderen"),
    ("violence", "mijn partner slaat onze baby"),
    # shaking a baby is harm to the child, whoever did it: its message says to call the
    # huisarts at once, even when nothing shows
    ("harm_child", "hij heeft onze dochter door elkaar geschud"),
    ("violence", "ik ben bang dat hij de kinderen iets aandoet"),
    ("violence", "hij heeft me met een mes bedreigd"),
    ("medical", "mijn baby haalt moeilijk adem"),
    ("medical", "de baby ademt raar en piept"),
    ("medical", "ze is aan het stikken"),
    ("medical", "hij verslikte zich en nu krijgt hij geen lucht meer"),
    ("medical", "hij is blauw en slap"),
    ("medical", "mijn dochter is flauwgevallen en wordt niet wakker"),
    ("medical", "ze heeft 41 graden koorts"),
    ("medical", "hij heeft koorts en een stijve nek"),
    ("medical", "mijn baby van 1 maand heeft koorts"),
    ("medical", "ze heeft bleekwater gedronken"),
    ("medical", "hij heeft een magneetje ingeslikt"),
    ("medical", "hij heeft mijn medicijnen opgegeten"),
    ("medical", "ze is met haar hoofd op de tegels gevallen en is suf"),
    ("medical", "hij valt steeds weg en reageert niet"),
    ("medical", "ze heeft stuipen"),
    ("medical", "hij bloedt heel erg en het stopt niet"),
    ("medical", "ze heeft zich gebrand aan hete thee"),
    ("medical", "hij is in de sloot gevallen"),
    ("medical", "ze heeft al 24 uur geen natte luier en drinkt niets"),
    ("medical", "haar lippen worden dik en ze krijgt het benauwd"),
    ("medical", "mijn baby beweegt minder in mijn buik"),
    ("medical", "ik ben 35 weken zwanger en heb hevige buikpijn en bloed"),
    ("medical", "hij ademt niet meer goed"),
]

EVERYDAY = [
    "ik ben doodmoe",
    "ik ben doodop",
    "ik schrik me dood als hij zo gilt",
    "ik schrok me dood",
    "hij slaat zijn speelgoed kapot",
    "ze slaat met haar knuffel",
    "ze huilt zich dood als ik weg ga",
    "ik ga dood van de slaap",
    "ik ga nog dood aan slaapgebrek",
    "mijn baby valt steeds in slaap bij het drinken",
    "ik lach me dood om hem",
    "ik schaam me dood als hij zo krijst",
    "ik verveel me dood thuis",
    "mijn man werkt zich dood",
    "hij slaat andere kinderen",
    "mijn zoon slaat mij als hij boos is",
    "mijn dochter schopt en slaat",
    "mijn peuter bijt en slaat",
    "zijn broertje slaat hem",
    "het vriendje op de opvang slaat hem",
    "hij slaat zijn hoofd tegen de muur",
    "ze slaat zichzelf",
    "hij gooit met alles",
    "ik kan hem wel achter het behang plakken",
    "ik kan haar wel schieten",
    "ik word gek van dat gehuil",
    "ik ben kapot",
    "ik ben helemaal op",
    "ik ben zo moe dat ik erbij neerval",
    "ik kan het niet meer aan",
    "ik weet niet meer wat ik moet doen",
    "ik wil soms gewoon even weg",
    "ik wil even verdwijnen op vakantie",
    "ik verdrink in de was",
    "ik heb het gevoel dat ik verdrink",
    "hij verslikt zich vaak",
    "ze verslikt zich in de borstvoeding",
    "hij hapt naar lucht tijdens het drinken",
    "ze heeft veel lucht ingeslikt tijdens het drinken",
    "hij heeft een blauwe plek van het vallen",
    "ze valt vaak bij het lopen",
    "hij is gevallen maar huilde meteen en speelt weer",
    "ze had vorige week koorts",
    "hij had vorige maand een koortsstuip",
    "ze heeft koorts en is hangerig",
    "hij heeft een beetje koorts van de tandjes",
    "ze heeft een bloedneus",
    "ik had veel bloedverlies bij de bevalling",
    "ik was vroeger bang voor mijn vader",
    "ik ben als kind mishandeld",
    "mijn vader sloeg mij vroeger",
    "ik ben vroeger geslagen door mijn moeder",
    "mijn ex dreigt de kinderen niet terug te brengen",
    "mijn ex dreigt met een advocaat",
    "mijn vriend is boos dat ik niet wil werken",
    "mijn man en ik hebben veel ruzie",
    "hij schreeuwt tegen mij als hij moe is",
    "ik ben bang dat ik het niet goed doe",
    "ik ben bang dat ik haar laat vallen",
    "ik ben bang dat ik hem verkeerd vasthoud",
    "ik ben bang dat hij iets heeft",
    "ik ben bang dat er iets met hem gebeurt",
    "ik heb nare gedachten dat de baby iets overkomt",
    "ik ben bang voor wiegendood",
    "als ik weg ben huilt ze heel erg",
    "ze huilt als ik weg ben",
    "hij wil niet meer drinken",
    "ze wil niet meer eten",
    "hij wil niet meer slapen in zijn bed",
    "ik wil niet meer borstvoeden",
    "ik wil stoppen met de borstvoeding",
    "ik wil er een punt achter zetten met de borstvoeding",
    "ik wil een einde maken aan de borstvoeding",
    "we willen een einde maken aan het gedoe met slapen",
    "het leven met een baby is zwaar",
    "ik heb geen leven meer sinds de baby er is",
    "hij speelt met een mes van plastic",
    "ze snijdt haar eten met een mes",
    "hij houdt zijn adem in als hij boos is",
    "hij wordt rood van het huilen",
    "de baby is heel slap in zijn nekje, hij kan zijn hoofd niet goed optillen",
    "hij heeft een lage spierspanning",
    "ze slaapt als een blok",
    "ze is bij de huisartsenpost geweest vorige week",
    "hij lag na de geboorte in de couveuse met ademstilstanden",
    "hij kreeg zuurstof in het ziekenhuis",
    "we zijn met de ambulance naar het ziekenhuis gegaan bij de geboorte",
    "mijn zoontje heeft een ongelukje gehad",
    "ik heb het benauwd van de stress",
    "ik krijg het benauwd als hij zo huilt",
    "ik stik in het werk",
    "ik heb geen adem meer over na een dag met hem",
    "hij drinkt de fles in één keer leeg",
    "ze heeft de fles omgegooid",
    "hij valt om van de slaap",
    "ik kan mezelf wel voor mijn kop slaan",
    "de juf zegt dat hij andere kinderen slaat",
    "hij zegt dat hij dood wil als hij boos is",
    "hij speelt dat hij dood is",
    "ons konijn is dood en ze is verdrietig",
    "opa is overleden en hij vraagt veel over dood gaan",
    "ik denk veel aan mijn overleden moeder",
    "na de miskraam denk ik steeds aan ons kindje",
    "onze zoon is stilgeboren",
    "de bevalling was heftig, ik verloor veel bloed",
    "we zijn gevlucht uit syrie",
    "ik voel me opgesloten in huis met de baby",
    "hij sluit zich op in zijn kamer",
    "ik word geleefd door de baby",
    "ik ben op van de zenuwen",
    "ik krijg bijna geen lucht van de stress",
    "ik heb een paniekaanval en krijg geen lucht",
    "hij heeft 38 graden koorts",
]


# Wordings nobody listed as a whole: frames (someone + an act + a child or me, in any order),
# sets of acts and body parts, partners who speak of suicide, typos and chat spelling.
CRISIS_BY_FRAMES = [
    ("suicide", "mijn vrouw zegt dat ze een eind aan haar leven wil maken"),
    ("suicide", "ik ga mezelf wat aan doen vannacht"),
    ("suicide", "mijn vriendin heeft gezegd dat ze zichzelf iets aan gaat doen"),
    ("suicide", "ik heb een doosje paracetamol klaarliggen"),
    ("suicide", "ik heb vannacht op het spoor gestaan"),
    ("suicide", "ik denk erover om mijn eigen leven te nemen"),
    ("suicide", "ik snij mezelf weer, dat helpt even"),
    ("harm_child", "mijn vriend heeft de baby hard geschud toen ik boven was"),
    ("harm_child", "de oppas heeft ons zoontje door elkaar geschud"),
    ("harm_child", "ik heb haar te hard neergelegd"),
    ("harm_child", "soms knijp ik haar zo hard dat ze blauwe plekken heeft"),
    ("harm_child", "ik heb haar laten vallen expres"),
    ("harm_child", "mijn vriend gooide de baby op de bank"),
    ("harm_child", "ik heb een deken over zn hoofd gedaan tot hij stil was"),
    ("harm_child", "ik heb haar in bad onder water gehouden tot ze stopte met huilen"),
    ("harm_child", "de gastouder heeft mijn dochter geslagen, ze heeft een blauwe plek"),
    ("harm_child", "ik kneep in zijn been tot hij krijste"),
    ("harm_child", "ik heb mijn kind opgesloten in de kast"),
    ("violence", "hij staat nu voor de deur te schreewen en te schoppen, ik ben zo bang"),
    ("violence", "ik zit opgesloten in de slaapkamer met de baby, hij is dronken en agressief"),
    ("violence", "mijn vriend houdt me hier vast, ik mag het huis niet uit"),
    ("violence", "hij bonkt op de deur en schreeuwt dat hij me wat aandoet"),
    ("violence", "mn ex dreigt dat hij me af komt maken"),
    ("violence", "mijn ex heeft de deur ingetrapt"),
    ("violence", "hij heeft me bij mn haren over de grond gesleept"),
    ("violence", "hij schopt tegen mijn buik en ik ben zwanger"),
    ("violence", "mijn man gooide een stoel naar me"),
    ("violence", "mn vriend heeft de baby een klap gegeven"),
    ("violence", "ik ben bang voor mijn man"),
    ("medical", "baby 5 weken, koorts 39.5 en wil niks drinken"),
    ("medical", "ze ademt heel snel en haar lippen zijn blauwig"),
    ("medical", "hij is met zijn hoofd op de stoeprand gevallen en nu heel slaperig"),
    ("medical", "baby drinkt al een hele dag niet en is heel sloom"),
    ("medical", "hij heeft een pinda gegeten en zijn gezicht zwelt op"),
    ("medical", "ze heeft gootsteenontstopper gedronken"),
    ("medical", "hij heeft zijn hand op de hete kachel gelegd, grote blaren"),
    ("medical", "ze trekt raar met haar armpjes en kijkt weg"),
    ("medical", "baby van 8 weken heeft 39 graden"),
]

# Everyday talk, idioms, the past, play, suspicions and professionals asking in general.
EVERYDAY_MORE = [
    "hij valt steeds struikeld over zn eigen voeten",
    "de huisarts zegt dat het affectieve ademstilstand is, ze houdt haar adem in als ze boos wordt",
    "ze heeft sinds gisteren koorts van 38 en slaapt daardoor slecht",
    "mijn zoon speelt politie en boef en schiet iedereen dood, is dat normaal?",
    "vroeger sloeg hij me, nu niet meer maar ik blijf bang",
    "een moeder die ik begeleid woont samen met een gewelddadige partner, wat kan ik doen",
    "ik vermoed dat de nieuwe vriend van mijn ex ons kind hardhandig aanpakt",
    "ik heb het vermoeden dat mijn kind bij de oppas geslagen wordt",
    "mijn vriend geeft ons zoontje soms een tik en zegt dat dat normaal is",
    "ik kan mezelf wel voor mijn kop slaan dat ik het niet eerder zag, ze heeft eczeem",
    "ik sla hem nooit, maar ik word wel heel boos",
    "hij slaat me als ik hem aankleed, hij is 2",
    "ze slaat mij als ze boos is",
    "hij haalt woorden door elkaar en niemand snapt hem",
    "mijn zoon schudt zijn hoofd steeds als hij moe is",
    "ik ben bang dat hij een keer stikt in een stukje appel",
    "ik ben zo bang dat mijn baby stopt met ademen in zijn slaap",
    "hij heeft astma en is vaak benauwd en ziek",
    "ze werd blauw van de kou na het zwemmen",
    "hij heeft vorige maand een epileptische aanval gehad en nu ben ik zo bang",
    "ik ben 10 weken zwanger en heb veel bloedverlies gehad vorige week, nu ben ik bang",
    "mijn zoon van 4 zegt steeds dat hij dood wil als hij boos is",
    "ik zou mezelf niks aandoen hoor, maar ik voel me echt heel somber",
    "ik heb hem nog nooit geslagen, maar soms word ik zo boos dat ik de kamer uit moet lopen",
    "hij is gevallen maar er is niks aan de hand, alleen is hij sindsdien heel bang om te klimmen",
]


@pytest.mark.parametrize(("kind", "text"), CRISIS_BY_FRAMES)
def test_crisis_in_words_nobody_listed(kind: str, text: str) -> None:
    assert detector().detect(text) == kind


@pytest.mark.parametrize("text", EVERYDAY_MORE)
def test_no_alarm_on_idioms_the_past_play_or_suspicion(text: str) -> None:
    assert detector().detect(text) is None


@pytest.mark.parametrize(("kind", "text"), CRISIS)
def test_crisis_is_detected_with_its_kind(kind: str, text: str) -> None:
    assert detector().detect(text) == kind


@pytest.mark.parametrize(("kind", "text"), CRISIS)
def test_crisis_is_detected_without_the_chat_spelling_of_matching(kind: str, text: str) -> None:
    assert detector_without_chat_spelling().detect(text) is not None


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_words_raise_no_alarm(text: str) -> None:
    assert detector().detect(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "ik heb hem nooit geslagen",
        "ik wil niet dood, ik wil hulp",
        "ik heb geen zelfmoordgedachten hoor",
        "hij heeft me nog nooit geslagen",
    ],
)
def test_negated_signals_do_not_count(text: str) -> None:
    assert detector().detect(text) is None


def test_every_kind_has_a_message_with_its_numbers() -> None:
    numbers = {
        "suicide": ["113", "0800-0113", "112"],
        "harm_child": ["112", "0800-2000", "huisarts"],
        "violence": ["112", "0800-2000"],
        "medical": ["112", "huisarts"],
    }
    assert sorted(k.id for k in safety().kinds) == sorted(CRISIS_KIND_IDS)
    for kind, expected in numbers.items():
        message = safety().kind(kind).message
        assert all(number in message for number in expected), kind


def test_explain_names_the_signal() -> None:
    signal = detector().explain("ik wil niet meer leven")
    assert signal is not None
    assert signal.kind == "suicide"
    assert "leven" in signal.source


@pytest.mark.parametrize("text", ["", "   ", "👍", "???", "\x00\x01"])
def test_empty_and_odd_input(text: str) -> None:
    assert detector().detect(text) is None


# Families of crisis that were missed on unseen messages, a few wordings each: someone else
# with a means and a farewell, harm just done (also without "ik"), poisoning and ingestion,
# drowning, falls from a height, fever in a young baby, pregnancy, psychosis after birth,
# violence told in other words.
CRISIS_FAMILIES = [
    ("suicide", "mijn man zit op zolder met een touw en zegt dat het zo beter is voor ons"),
    ("suicide", "mijn vriendin heeft een strop geknoopt"),
    ("suicide", "hij zegt dat hij zich wil verhangen"),
    ("suicide", "mijn zus zegt dat ze niet meer wakker wil worden"),
    ("suicide", "hij ligt op bed met een lege pot slaappillen naast zich"),
    ("suicide", "mijn broer staat bij het spoor en neemt niet op"),
    ("suicide", "mijn vrouw zit op de rand van het dak"),
    ("suicide", "mijn vader ziet het leven niet meer zitten"),
    ("suicide", "zeg tegen de kinderen dat mama van ze houdt"),
    ("suicide", "i want to die"),
    (
        "harm_child",
        "heb m net veel te hard in z'n bedje gegooid, zn hoofdje knalde tegen de spijlen",
    ),
    ("harm_child", "ik heb haar op de commode neergesmeten"),
    ("harm_child", "heb haar geslagen, ik kon me niet inhouden"),
    ("harm_child", "ik kon me niet inhouden en heb hem geknepen"),
    ("harm_child", "ik was bang dat ik hem iets aan zou doen"),
    ("harm_child", "ik wil haar het raam uit gooien"),
    ("harm_child", "soms wil ik hem gewoon laten vallen"),
    ("harm_child", "ik heb zijn mondje dichtgehouden tot hij stil was"),
    ("harm_child", "ik sloeg hem met de riem"),
    ("harm_child", "mijn schoonmoeder heeft de baby hard geschud"),
    ("harm_child", "ik heb mn baby door elkaar geschut"),
    ("medical", "ze heeft aan een vaatwastablet gezeten, haar mondje is rood en ze kwijlt"),
    ("medical", "hij heeft aan de wasmiddelpods gezeten"),
    ("medical", "ze heeft aan de e-sigaret liquid gelikt"),
    ("medical", "hij heeft een heel potje vitamines opgegeten"),
    ("medical", "mijn dochter heeft een slok gootsteenontstopper genomen"),
    ("medical", "hij heeft van de wijn gedronken en is heel suf"),
    ("medical", "hij lag onder water in het bad"),
    ("medical", "ze is kopje onder gegaan en hoest heel raar"),
    ("medical", "ze is uit het raam gevallen"),
    ("medical", "kindje van 2 mnd voelt gloeiend heet, 39 graden"),
    ("medical", "hij is 7 wkn en heeft koorts"),
    ("medical", "ze heeft al 2 dagen niet geplast"),
    ("medical", "hij reageert nauwelijks en is heel bleek"),
    ("medical", "ze heeft een koortsstuip gehad en is nu niet goed wakker"),
    ("medical", "hij trekt bij het ademen in tussen zijn ribben"),
    ("medical", "ik ben 36 weken en voel al de hele dag geen leven meer"),
    ("medical", "ik heb weeen en ben pas 27 weken"),
    ("medical", "mijn vrouw hoort stemmen sinds de bevalling"),
    ("medical", "mijn vrouw zegt dat de baby de duivel is"),
    ("medical", "ik denk dat mijn vrouw een kraambedpsychose heeft"),
    ("violence", "mijne vent slaat mij en de kinders"),
    ("violence", "mijn man slaat me als hij boos is"),
    ("violence", "mijn ex heeft alles kapotgeslagen, ik zit verstopt met de kinderen"),
    ("violence", "mijn man trapte de deur in en schreeuwt"),
    ("violence", "de buurman slaat zijn vrouw, ik hoor haar gillen"),
    ("violence", "hij zit met een mes in de keuken en is stomdronken"),
    ("violence", "he hits me"),
]

# Everyday messages near those families: no alarm.
EVERYDAY_NEAR_FAMILIES = [
    "ik zie het niet meer zitten met die kolfmachine",
    "ik heb een zelfmoordpoging gedaan toen ik 17 was, nu ben ik zwanger en zoek ik begeleiding",
    "mijn moeder heeft zelfmoord gepleegd toen ik klein was, hoe vertel ik dat later",
    "hij zegt dat hij wil dat papa doodgaat als hij boos is",
    "we zijn verhuisd na huiselijk geweld, nu hebben we rust",
    "hij knijpt in mn arm als hij moe is",
    "hij schopt tegen mijn buik bij het verschonen",
    "onze kleine hapt naar adem als ze heel hard huilt",
    "ik ben bang dat ik de baby laat vallen van de trap als ik zo moe ben",
    "ik heb paracetamol genomen tegen de hoofdpijn, mag dat met borstvoeding",
    "ik zat aan de pil en ben toch zwanger geworden",
    "hij zat aan de vaatwasser, ik heb het slot erop gedaan",
    "mijn zoon is verstopt, hij heeft al 3 dagen niet gepoept",
    "we zaten verstopt achter de bank, verstoppertje spelen",
    "ze dreef op haar rug in het zwembad met zwembandjes",
    "ik krijg haar 's ochtends niet wakker voor de opvang",
    "hij wordt 's nachts niet goed wakker voor zijn fles",
    "ik ben zwanger en moet bloed laten prikken",
    "ik heb haar kleren in de kast gelegd",
    "ik hoor de stemmen van de buren sinds ze verhuisd zijn",
    "mijn man zegt dat hij me komt halen bij het station",
    "ik wil er even tussenuit met mijn vriendin",
    "mijn vent werkt veel en ik sta er alleen voor",
    "ik droom dat ze van de trap valt",
]


@pytest.mark.parametrize(("kind", "text"), CRISIS_FAMILIES)
def test_crisis_families_missed_before(kind: str, text: str) -> None:
    assert detector().detect(text) == kind


@pytest.mark.parametrize("text", EVERYDAY_NEAR_FAMILIES)
def test_no_alarm_near_those_families(text: str) -> None:
    assert detector().detect(text) is None


@pytest.mark.parametrize(
    ("toddler", "adult"),
    [
        ("ze slaat mij als ze boos is", "mijn man slaat mij als hij boos is"),
        ("hij knijpt in mijn arm als hij moe is", "mijn vriend knijpt in mijn arm als hij moe is"),
    ],
)
def test_an_exclusion_gives_way_to_its_exception(toddler: str, adult: str) -> None:
    """A toddler who hits is behaviour; the same words with a partner are violence."""
    assert detector().detect(toddler) is None
    assert detector().detect(adult) == "violence"


def test_a_negation_stops_a_time_marker() -> None:
    """ "nu niet goed" is not "nu goed": it does not say the danger is over."""
    assert detector().detect("hij is gevallen en is nu niet goed aanspreekbaar") == "medical"


@pytest.mark.parametrize(
    ("source", "pattern", "unless"),
    [
        ("ze huilt zich dood", "ze huilt zich dood", None),
        ("{slaan} {mij} tenzij mijn {volwassene}", "{slaan} {mij}", "mijn {volwassene}"),
    ],
)
def test_exclusion_parts(source: str, pattern: str, unless: str | None) -> None:
    assert exclusion_parts(source) == (pattern, unless)


def test_exclusion_problems_are_reported_for_both_parts() -> None:
    assert exclusion_problems("slaat {mij} tenzij {onbekend}", ["mij"])
    assert exclusion_problems("slaat tenzij man tenzij vrouw")
    assert not exclusion_problems("slaat {mij} tenzij mijn man", ["mij"])


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ik heb mijn polsen opengesneden", "suicide"),
        ("my partner says he's going to kill himself tonight", "suicide"),
        ("ik kan dit niet meer, ik zet er vanavond een punt achter", "suicide"),
        ("heb de hele strip oxazepam in mijn hand, zou het genoeg zijn?", "suicide"),
        ("mn vrouw is weg met al haar slaappillen en liet een briefje achter", "suicide"),
        ("ik vond haar bij mijn bloeddrukpillen, er missen er een paar", "medical"),
        ("mijn vrouw is sinds de bevalling totaal in de war en hoort stemmen", "medical"),
        ("ze denkt dat de buren de baby willen vergiftigen", "medical"),
    ],
)
def test_round_four_families_are_caught(text: str, kind: str) -> None:
    assert detector().detect(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "we zetten er een punt achter met de borstvoeding, ze wil de fles",
        "ik ben een beetje in de war over hoeveel melk ze moet drinken",
        "ik mis soms een pil van mijn anticonceptie, kan dat kwaad in de zwangerschap?",
        "mijn man is weg met de kinderen naar zijn moeder, ik heb eindelijk rust",
    ],
)
def test_round_four_everyday_messages_stay_calm(text: str) -> None:
    assert detector().detect(text) is None
