"""Parts from which the generator builds family names, per nationality (written for Keten).

Real family names have a long tail; a list of fifty common names per country would make every
synthetic person share a name with hundreds of others. A family name is therefore usually built
from a root and an ending, each written ``native|variant|…`` as in ``synthetic_names``; the
variants of the whole name are the combinations of the variants of its parts.
"""

from __future__ import annotations


def _s(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# nationality -> (roots, endings); an ending "-" means the root alone
PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "NL": (
        _s("Berg Brink Dijk Hoek Kamp Veld Bosch|Bos Horst Laan Wal Meer Beek Heuvel Hof Bergh|Berg Broek Akker "
           "Stra|Straa Zand Weide Gaar Kolk Velde Linden Molen Werf Haar Gracht Duin Water Stee Loo Hout Roo"),
        _s("- man|mann s|sz ink inga sma ema stra|straa huis|huys ers ing enga ma"),
    ),
    "RO": (
        _s("Pop Ion Stan Radu Dragom Marin Vlad Neag Tud Dobr Măr|Mar Stoic Olt Bălăn|Balan Cost Răd|Rad "
           "Georg Dumitr Mih Nicol Barb Sârb|Sarb Chirițo|Chirito Lup Ursu Zamfir Văduv|Vaduv Tănas|Tanas Ghiț|Ghit"),
        _s("escu eanu|anu aru ache ici oiu ea u ilă|ila"),
    ),
    "BG": (
        _s("Иван|Ivan Петр|Petr Георги|Georgi Димитр|Dimitr Стоян|Stoyan|Stojan Тодор|Todor Никол|Nikol "
           "Христ|Hrist|Khrist Ангел|Angel Колe|Kole Маринк|Marink Бойч|Boych|Bojch Цвет|Tsvet|Cvet "
           "Радосл|Radosl Велик|Velik Добр|Dobr Славч|Slavch Кръст|Krast|Krust Любен|Lyuben|Ljuben Пенч|Pench"),
        _s("ов|ov|off ев|ev|ew иев|iev ков|kov чев|chev|tchev"),
    ),
    "PL": (
        _s("Kowal Nowak Wiśniew|Wisniew Kamiń|Kamin Lewandow Zieliń|Zielin Szymań|Szyman Dąbrow|Dabrow "
           "Kozłow|Kozlow Jankow Mazur Krawcz Grabow Pawłow|Pawlow Michal Król|Krol Wróbl|Wrobl Jasiń|Jasin "
           "Górs|Gors Zawadz Sikor Baran Rutkow Ostrow Kaczmar Duda Wilcz Sobcz"),
        _s("ski czyk ak ek owski ewicz|ewitsch iak"),
    ),
    "HU": (
        _s("Kovács|Kovacs Szabó|Szabo Tóth|Toth Nagy Horvát|Horvat Varga Kiss Molnár|Molnar Németh|Nemeth "
           "Farkas Balog Papp Takács|Takacs Juhász|Juhasz Lakatos Mészár|Meszar Oláh|Olah Rác|Rac Fekete "
           "Szilágy|Szilagy Török|Torok Fehér|Feher Vass Bodnár|Bodnar Szalai Csonka Pásztor|Pasztor"),
        _s("- i né|ne"),
    ),
    "UA": (
        _s("Шевч|Shevch|Schewtsch Коваль|Koval|Kowal Бондар|Bondar Ткач|Tkach|Tkatsch Кравч|Kravch|Krawtsch "
           "Олійн|Oliin|Oliyn|Oleyn Мельн|Meln Бойч|Boich|Boych Поліщ|Polishch|Polisch Лис|Lys|Lis "
           "Савч|Savch Руд|Rud Марч|March Павл|Pavl Кузьм|Kuzm Левч|Levch Петр|Petr Зінч|Zinch|Sinch "
           "Гонч|Honch|Gonch Прих|Prykh|Prikh Кирил|Kyryl|Kiril Дорош|Dorosh Яковл|Yakovl|Iakovl|Jakowl "
           "Гриц|Hryts|Grits Мороз|Moroz Ярош|Yarosh|Iarosh Федор|Fedor|Fedir"),
        _s("енко|enko ук|uk чук|chuk|tschuk ишин|yshyn|ishin ич|ych|ich ак|ak ець|ets"),
    ),
    "NG": (
        _s("Oka Okon Ade Ogun Nwa Igbin Omor Edos Obas Aig Ehig Osay Ogbe Idah Iyam Aghe Uwa Oko Nwach "
           "Ekha Osad Enab Oghog Imas Ighod Asem Agbon Eweka Ilo Akpo Ukpe Ezeo Onye Chukw Obi"),
        _s("for nkwo yemi leye ede egie omwan seki be iator ande ide osa amu do ifo ro ukwu tor ulen ghe uen daro"),
    ),
    "ER": (
        _s("ገብረ|Gebre|Ghebre ተኽለ|Tekle ወልደ|Welde|Weldu ሃብተ|Habte ኪዳነ|Kidane ተወልደ|Tewelde ሓጎስ|Hagos "
           "ዘርኣይ|Zerai|Zeray ጸጋይ|Tsegay|Tsegai ብርሃነ|Berhane ሰለሙን|Solomon|Selemun"),
        _s("- ማርያም|mariam|mariyam መድህን|medhin|medhn ሂወት|hiwet|hiweth ሚካኤል|mikael|michael ስላሴ|selassie|silasie"),
    ),
    "MA": (
        _s("العلو|Alaou|Alaw|Alau الإدريس|Idriss|Idris الحسن|Hassan|Hasan التاز|Taz|Tazi الفاس|Fass|Fas "
           "الزيان|Zian|Zayan الشرقاو|Cherkaou|Sharqaw المنصور|Mansour|Mansur الكبير|Kabir|Kbir "
           "البركان|Berkan|Barkan الورياغل|Ouriaghl|Wariaghl الصنهاج|Sanhaj|Sanhadj الريف|Rif|Riff "
           "العمران|Amran|Omran"),
        _s("ي|i|y"),
    ),
    "SY": (
        _s("الحلب|Halab|Halb المصر|Masr|Misr الشام|Sham|Cham الحمص|Homs|Hims الإدلب|Idlib|Edlib "
           "الدمشق|Dimashq|Damashk الحور|Hour|Hur الرفاع|Rifa|Refai الخطيب|Khatib|Chatib "
           "العل|Al|Ali البيطار|Bitar|Baytar"),
        _s("ي|i|y"),
    ),
}
