"""Name parts per nationality for the synthetic generator, written for Keten (no real persons).

Each entry is ``native|variant|variant…``: the first form is the name as a document in the home
script writes it; the others are romanisations and spellings that Dutch registrations use. Lists
are ordered roughly from common to rare; the generator draws with Zipf-like weights.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Nationality:
    code: str  # ISO 3166 alpha-2
    labels: tuple[str, ...]  # how registrations write the nationality
    share: float  # share of persons in the synthetic population
    given_m: tuple[str, ...]
    given_f: tuple[str, ...]
    family: tuple[str, ...]
    family_order_first: bool = False  # family name written first at home (HU, CN, VN)
    female_suffix: dict[str, str] | None = None  # family-name ending -> female ending
    native_script: bool = False  # documents in a non-Latin script
    calling_code: str = "31"


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


NATIONALITIES: tuple[Nationality, ...] = (
    Nationality(
        "NL", ("NL", "NLD", "Nederlands", "Nederland", "Dutch"), 0.30,
        _split("Daan Sem Lucas Jan Pieter Thomas Bram Ruben Jesse Tim Niels Kevin Mark Jeroen Bas Sander "
               "Dennis Stefan Rick Joost Wouter Martijn Mohamed|Mohammed Ricardo Milan Dylan Luuk Thijs "
               "Gijs Stijn Koen Lars Jasper Tom Youssef|Yusuf Anouar Rachid Mitchell Orlando Romano"),
        _split("Emma Sophie Julia Anna Lotte Fleur Sanne Lisa Eva Iris Naomi Kim Sarah|Sara Laura Esmee "
               "Noa Femke Lieke Demi Chantal Priscilla Shanice Kelly Romy Britt Anouk Tessa Nadia Fatima|Fatma "
               "Samira Yasmina|Jasmina Melissa Bianca Jennifer Danielle"),
        _split("de_Jong|Jong,_de Jansen de_Vries|de_Vries van_den_Berg|vd_Berg|Berg van_Dijk|v_Dijk Bakker "
               "Janssen|Jansen Visser Smit Meijer|Meyer de_Boer Mulder de_Groot Bos Vos Peters Hendriks "
               "van_Leeuwen Dekker Brouwer de_Wit Dijkstra Smits de_Graaf van_der_Meer|vd_Meer van_der_Linden "
               "Kok Jacobs de_Haan Vermeulen van_den_Heuvel van_der_Veen van_den_Broek de_Bruijn|de_Bruyn "
               "de_Bruin van_der_Heijden|van_der_Heyden Schouten van_Beek Willems van_Vliet van_de_Ven Hoekstra "
               "Maas Verhoeven Koster van_Dam van_der_Wal Prins Blom Huisman Peeters de_Jonge Kuipers van_Veen "
               "Post Kuiper Veenstra Kramer van_den_Brink Scholten van_Wijk Postma Martens Vink de_Ridder "
               "Boer Bouwman Wouters Evers Koopman Hermans Molenaar El_Amrani|Amrani Bouzid Tahiri "
               "Martina Rosaria Pinas Lie|Lie_A_Fo Wijngaarde Sedney"),
    ),
    Nationality(
        "RO", ("RO", "ROU", "Roemeens", "Roemenië", "Romanian", "Romania"), 0.12,
        _split("Ion Ionuț|Ionut Andrei Mihai Gheorghe|Gheorghi Vasile Ștefan|Stefan Constantin Marian "
               "Florin Adrian Alexandru Cristian Daniel Nicolae|Nicolai Dumitru|Dumitri Costel Marius Gabriel "
               "Petrică|Petrica Sorin Viorel"),
        _split("Maria Elena Ioana Andreea|Andrea Florentina Alexandra Mihaela Nicoleta Ana-Maria|Anamaria "
               "Gabriela Adriana Daniela Georgiana Roxana Cristina Denisa Larisa Bianca Alina Ramona Loredana "
               "Simona Petronela"),
        _split("Popescu Popa Ionescu Constantin Dumitru Stan Stoica Gheorghe Rusu Munteanu Matei Lungu "
               "Lăcătuș|Lacatus Căldăraru|Caldararu Stănescu|Stanescu Marin Dinu Tudor Ciobanu Florea "
               "Ilie Niculescu|Niculescu Moldovan Oprea Dobre Barbu Radu Nistor Zamfir Anghel Mocanu "
               "Voicu Neagu Tănase|Tanase Cojocaru Ene Mihai Lupu Stoian Sandu Enache"),
    ),
    Nationality(
        "BG", ("BG", "BGR", "Bulgaars", "Bulgarije", "Bulgarian", "Bulgaria"), 0.06,
        _split("Иван|Ivan Георги|Georgi|Georgiy Димитър|Dimitar|Dimitur Петър|Petar|Petur Николай|Nikolay|Nikolai "
               "Христо|Hristo|Khristo Стоян|Stoyan|Stojan Тодор|Todor Асен|Asen|Assen Васил|Vasil|Vassil "
               "Младен|Mladen Кирил|Kiril|Kirill Любомир|Lyubomir|Ljubomir Ангел|Angel"),
        _split("Мария|Maria|Mariya Елена|Elena Йорданка|Yordanka|Jordanka Десислава|Desislava "
               "Цветелина|Tsvetelina|Cvetelina Румяна|Rumyana|Rumiana Гергана|Gergana Надежда|Nadezhda|Nadejda "
               "Снежана|Snezhana|Snejana Радка|Radka Силвия|Silvia|Silviya Пенка|Penka Веселина|Veselina"),
        _split("Иванов|Ivanov|Ivanoff Петров|Petrov|Petroff Георгиев|Georgiev|Georgiew Димитров|Dimitrov "
               "Стоянов|Stoyanov|Stojanov Николов|Nikolov Христов|Hristov|Khristov Тодоров|Todorov "
               "Илиев|Iliev Атанасов|Atanasov Петков|Petkov Ангелов|Angelov Колев|Kolev Йорданов|Yordanov|Jordanov "
               "Маринов|Marinov Михайлов|Mihaylov|Mihailov Костов|Kostov Попов|Popov Асенов|Asenov "
               "Василев|Vasilev|Vassilev Стефанов|Stefanov"),
        female_suffix={"ов": "ова", "ев": "ева", "ov": "ova", "ev": "eva", "off": "ova", "ew": "eva"},
        native_script=True, calling_code="359",
    ),
    Nationality(
        "PL", ("PL", "POL", "Pools", "Polen", "Polish", "Poland"), 0.07,
        _split("Łukasz|Lukasz Michał|Michal Paweł|Pawel Krzysztof Wojciech Piotr Tomasz Marcin Grzegorz "
               "Jakub Kamil Mateusz Dariusz Sławomir|Slawomir Przemysław|Przemyslaw Rafał|Rafal Adam "
               "Marek Jarosław|Jaroslaw Zbigniew"),
        _split("Agnieszka Małgorzata|Malgorzata Katarzyna Żaneta|Zaneta Joanna Anna Magdalena Monika "
               "Ewa Beata Dorota Justyna Aleksandra Paulina Karolina Natalia Marta Sylwia Urszula Jolanta"),
        _split("Kowalski Wiśniewski|Wisniewski Wójcik|Wojcik Kowalczyk Kamiński|Kaminski "
               "Lewandowski Zieliński|Zielinski Szymański|Szymanski Woźniak|Wozniak Dąbrowski|Dabrowski "
               "Kozłowski|Kozlowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski "
               "Pawłowski|Pawlowski Michalski Nowicki Adamczyk Dudek Zając|Zajac Wieczorek Jabłoński|Jablonski "
               "Król|Krol Majewski Olszewski Jaworski Wróbel|Wrobel Nowak Stępień|Stepien"),
        female_suffix={"ski": "ska", "cki": "cka", "dzki": "dzka"}, calling_code="48",
    ),
    Nationality(
        "HU", ("HU", "HUN", "Hongaars", "Hongarije", "Hungarian", "Hungary"), 0.05,
        _split("László|Laszlo István|Istvan József|Jozsef János|Janos Zoltán|Zoltan Sándor|Sandor "
               "Gábor|Gabor Ferenc Attila Péter|Peter Tibor Csaba Lajos Tamás|Tamas Béla|Bela Norbert"),
        _split("Erzsébet|Erzsebet Katalin Mária|Maria Éva|Eva Zsófia|Zsofia Ilona Anita Krisztina "
               "Andrea Judit Ágnes|Agnes Szilvia Erika Renáta|Renata Mónika|Monika Tímea|Timea"),
        _split("Nagy Kovács|Kovacs Tóth|Toth Szabó|Szabo Horváth|Horvath Varga Kiss Molnár|Molnar "
               "Németh|Nemeth Farkas Balogh|Balog Papp Takács|Takacs Juhász|Juhasz Lakatos Mészáros|Meszaros "
               "Oláh|Olah Simon Rácz|Racz Fekete Szilágyi|Szilagyi Török|Torok Fehér|Feher Balázs|Balazs "
               "Gál|Gal Kis Szűcs|Szucs Kocsis Orsós|Orsos Pintér|Pinter Fodor Sárközi|Sarkozi"),
        family_order_first=True, calling_code="36",
    ),
    Nationality(
        "UA", ("UA", "UKR", "Oekraïens", "Oekraïne", "Ukrainian", "Ukraine"), 0.08,
        _split("Олександр|Oleksandr|Olexandr|Aleksandr|Alexander Андрій|Andrii|Andriy|Andrey Дмитро|Dmytro|Dmitro|Dmitry "
               "Сергій|Serhii|Serhiy|Sergiy|Sergey Іван|Ivan Микола|Mykola|Nikolai Віктор|Viktor|Victor "
               "Володимир|Volodymyr|Vladimir Юрій|Yurii|Yuriy|Iurii|Yuri Олег|Oleh|Oleg Богдан|Bohdan|Bogdan "
               "Тарас|Taras Максим|Maksym|Maxim|Maksim Василь|Vasyl|Vasil|Vasily"),
        _split("Юлія|Yuliia|Iuliia|Yulia|Julia Олена|Olena|Elena|Alena Наталія|Nataliia|Natalia|Natalya "
               "Оксана|Oksana Ірина|Iryna|Irina Марія|Mariia|Maria|Mariya Тетяна|Tetiana|Tetyana|Tatiana|Tatyana "
               "Вікторія|Viktoriia|Viktoria|Victoria Анастасія|Anastasiia|Anastasia Катерина|Kateryna|Katerina|Ekaterina "
               "Світлана|Svitlana|Svetlana Людмила|Liudmyla|Lyudmila|Ludmila Ганна|Hanna|Ganna|Anna "
               "Христина|Khrystyna|Khristina|Kristina Дарина|Daryna|Darina"),
        _split("Шевченко|Shevchenko|Schewtschenko Коваленко|Kovalenko|Kowalenko Бондаренко|Bondarenko "
               "Ткаченко|Tkachenko|Tkatschenko Кравченко|Kravchenko|Krawtschenko Олійник|Oliinyk|Oliynyk|Oleynik "
               "Мельник|Melnyk|Melnik Бойко|Boiko|Boyko Ковальчук|Kovalchuk|Kowaltschuk Поліщук|Polishchuk|Polischuk "
               "Лисенко|Lysenko|Lisenko Савченко|Savchenko Руденко|Rudenko Марченко|Marchenko Мороз|Moroz "
               "Павленко|Pavlenko Кузьменко|Kuzmenko Левченко|Levchenko Петренко|Petrenko Зінченко|Zinchenko|Sinchenko "
               "Гончаренко|Honcharenko|Goncharenko Приходько|Prykhodko|Prikhodko Кириленко|Kyrylenko|Kirilenko"),
        native_script=True, calling_code="380",
    ),
    Nationality(
        "NG", ("NG", "NGA", "Nigeriaans", "Nigeria", "Nigerian"), 0.08,
        _split("Osagie Efosa Osas Chukwuemeka Chinonso Oluwaseun|Seun Adebayo Emeka Uche Nosa "
               "Ehis Ikechukwu Obinna Tunde Kelvin Godwin Friday Sunday Destiny Samuel"),
        _split("Blessing Precious Joy Gift Faith Ngozi Chiamaka Esohe Osarugue Itohan Favour Mercy "
               "Patience Happiness Success Glory Princess Vivian Eseosa Omosede Chinwe Amaka Adaeze"),
        _split("Okafor Okonkwo Adeyemi Ogunleye Eze Nwosu Igbinedion Osagie Omoregie Edosomwan Obaseki "
               "Aigbe Ehigiator Osayande Ogbeide Idahosa Iyamu Aghedo Uwaifo Okoro Nwachukwu Obi "
               "Ekhator Osadolor Enabulele Oghogho Imasuen Ighodaro Asemota Agbonlahor"),
        calling_code="234",
    ),
    Nationality(
        "CN", ("CN", "CHN", "Chinees", "China", "Chinese"), 0.05,
        _split("伟|Wei 芳|Fang 强|Qiang|Chiang 磊|Lei 军|Jun|Chun 洋|Yang 勇|Yong|Yung 杰|Jie|Chieh "
               "涛|Tao 明|Ming 超|Chao 刚|Gang|Kang 平|Ping 辉|Hui 鹏|Peng 华|Hua 飞|Fei 建华|Jianhua|Chien-hua"),
        _split("芳|Fang 娜|Na 敏|Min 静|Jing|Ching 丽|Li 艳|Yan|Yen 秀英|Xiuying|Hsiu-ying 桂英|Guiying|Kuei-ying "
               "玲|Ling 婷|Ting 霞|Xia|Hsia 燕|Yan 丹|Dan|Tan 萍|Ping 红|Hong|Hung 梅|Mei 莉|Li 晶|Jing"),
        _split("王|Wang 李|Li|Lee 张|Zhang|Chang 刘|Liu 陈|Chen|Chan 杨|Yang 黄|Huang|Wong 赵|Zhao|Chao "
               "吴|Wu|Ng 周|Zhou|Chou 徐|Xu|Hsu 孙|Sun 马|Ma 朱|Zhu|Chu 胡|Hu 郭|Guo|Kuo 林|Lin|Lam 何|He|Ho"),
        family_order_first=True, native_script=True, calling_code="86",
    ),
    Nationality(
        "VN", ("VN", "VNM", "Vietnamees", "Vietnam", "Vietnamese"), 0.03,
        _split("Văn_Nam|Van_Nam Minh Đức|Duc Hùng|Hung Tuấn|Tuan Quang Thành|Thanh Long Dũng|Dung Hải|Hai "
               "Phong Khánh|Khanh Trung Hoàng|Hoang"),
        _split("Thị_Lan|Thi_Lan Hương|Huong Linh Mai Ngọc|Ngoc Thảo|Thao Trang Hà|Ha Hoa Nga Thủy|Thuy|Thuy "
               "Phương|Phuong Yến|Yen"),
        _split("Nguyễn|Nguyen Trần|Tran Lê|Le Phạm|Pham Hoàng|Hoang|Huynh Phan Vũ|Vu|Vo Đặng|Dang "
               "Bùi|Bui Đỗ|Do Hồ|Ho Ngô|Ngo Dương|Duong Lý|Ly"),
        family_order_first=True, calling_code="84",
    ),
    Nationality(
        "MA", ("MA", "MAR", "Marokkaans", "Marokko", "Moroccan", "Morocco"), 0.06,
        _split("محمد|Mohammed|Mohamed|Muhammad|Mohamad أحمد|Ahmed|Ahmad|Achmed يوسف|Youssef|Yusuf|Youssouf|Yousef "
               "عبد_الله|Abdellah|Abdallah|Abdullah رشيد|Rachid|Rashid|Rachied خالد|Khalid|Khaled|Chalid "
               "حسن|Hassan|Hasan كريم|Karim|Kareem سعيد|Said|Saeed|Saïd مصطفى|Mustapha|Mustafa|Moustafa "
               "إبراهيم|Ibrahim|Brahim|Ebrahim عمر|Omar|Umar"),
        _split("فاطمة|Fatima|Fatma|Fatimah خديجة|Khadija|Khadidja|Hadija|Khadiga عائشة|Aicha|Aisha|Aïcha|Aysha "
               "مريم|Meryem|Maryam|Mariam|Meriem نادية|Nadia|Nadya سميرة|Samira|Sameera ليلى|Leila|Layla|Laila "
               "زينب|Zineb|Zainab|Zaynab حنان|Hanane|Hanan سناء|Sanaa|Sana"),
        _split("العلوي|El_Alaoui|Alaoui|Alawi بنعلي|Benali|Ben_Ali الإدريسي|El_Idrissi|Idrissi|Idrisi "
               "حداد|Haddad|Hadad خليل|Khalil|Chalil الحسني|El_Hassani|Hassani|Hasani التازي|Tazi|Ettazi "
               "بوزيد|Bouzid|Bouzaid عمراني|Amrani|El_Amrani الفاسي|El_Fassi|Fassi بنجلون|Benjelloun|Benjeloun "
               "الزياني|Ziani|Zayani الشرقاوي|Cherkaoui|Sharqawi|Charkaoui المنصوري|Mansouri|El_Mansouri|Mansuri "
               "بوعزة|Bouazza|Bouaza الكبير|El_Kabir|Kabir التهامي|Touhami|Thami"),
        native_script=True, calling_code="212",
    ),
    Nationality(
        "SY", ("SY", "SYR", "Syrisch", "Syrië", "Syrian", "Syria"), 0.04,
        _split("محمد|Mohammad|Muhammad|Mohamed|Mohammed أحمد|Ahmad|Ahmed علي|Ali|Aly عمر|Omar|Omer "
               "خالد|Khaled|Khalid حسين|Hussein|Husain|Hussain محمود|Mahmoud|Mahmud|Mahmood يوسف|Yousef|Yusuf|Youssef "
               "إبراهيم|Ibrahim|Ebrahim عبد_الرحمن|Abdulrahman|Abdelrahman|Abdul_Rahman"),
        _split("فاطمة|Fatima|Fatmeh|Fatema مريم|Mariam|Maryam|Mariem نور|Nour|Noor|Nur رنا|Rana "
               "هبة|Heba|Hiba|Hibah ريم|Reem|Rim لينا|Lina|Leena أمل|Amal ياسمين|Yasmin|Yasmine|Jasmin "
               "سارة|Sara|Sarah|Sarra"),
        _split("الأحمد|Al_Ahmad|Alahmad|Ahmad الحسن|Al_Hassan|Alhasan|Hassan الخطيب|Al_Khatib|Alkhatib|Khatib "
               "المصري|Al_Masri|Almasri|Masri الحلبي|Al_Halabi|Halabi الشامي|Al_Shami|Alshami|Shami "
               "العلي|Al_Ali|Alali حمدان|Hamdan|Hamadan درويش|Darwish|Derwish|Darwiche سليمان|Suleiman|Sulaiman|Sleiman "
               "النجار|Al_Najjar|Alnajjar|Najjar قاسم|Kassem|Qasim|Kasim"),
        native_script=True, calling_code="963",
    ),
    Nationality(
        "ER", ("ER", "ERI", "Eritrees", "Eritrea", "Eritrean"), 0.04,
        _split("ተስፋይ|Tesfay|Tesfaye|Tesfai ሃይለ|Haile|Hayle ዮናስ|Yonas|Jonas|Yonatan ፍሊሞን|Filmon|Filimon "
               "ኪዳነ|Kidane|Kidana በረከት|Bereket|Berekhet ሰመረ|Semere|Semre ዳዊት|Dawit|Dawite ሚካኤል|Mikael|Michael|Mikiel "
               "ሄኖክ|Henok|Enoch ብርሃነ|Berhane|Birhane"),
        _split("ሰናይት|Senait|Senayt ሜሮን|Meron|Miron ሳባ|Saba ሉዋም|Luwam|Luam ሄለን|Helen|Hellen "
               "ዊንታ|Winta|Wintana ፊዮሪ|Fiori|Fyori ሰላም|Selam|Salam ሩት|Ruth|Rut ኤልሳ|Elsa"),
        _split("ገብረመድህን|Gebremedhin|Ghebremedhin|Gebremedhn ተኽለ|Tekle|Tekleh|Teklu በርሀ|Berhe|Berhie "
               "ወልደ|Welde|Woldu|Weldu ሃብተ|Habte|Habtom ኪዳነ|Kidane|Kidana ገብረሂወት|Gebrehiwet|Ghebrehiwet "
               "ተወልደ|Tewelde|Teweldemedhin ሓጎስ|Hagos|Haghos ዘርኣይ|Zerai|Zeray ጸጋይ|Tsegay|Tsegai|Tseggai"),
        native_script=True, calling_code="291",
    ),
    Nationality(
        "GR", ("GR", "GRC", "Grieks", "Griekenland", "Greek", "Greece"), 0.02,
        _split("Γεώργιος|Georgios|Giorgos|Yorgos Δημήτριος|Dimitrios|Dimitris Κωνσταντίνος|Konstantinos|Kostas|Constantinos "
               "Ιωάννης|Ioannis|Giannis|Yannis Νικόλαος|Nikolaos|Nikos Παναγιώτης|Panagiotis|Panayiotis "
               "Βασίλειος|Vasileios|Vasilis|Vassilis Χρήστος|Christos|Hristos"),
        _split("Μαρία|Maria Ελένη|Eleni|Helen Αικατερίνη|Aikaterini|Ekaterini|Katerina Βασιλική|Vasiliki|Vaso "
               "Σοφία|Sofia|Sophia Αναστασία|Anastasia Δέσποινα|Despoina|Despina Ευαγγελία|Evangelia|Evaggelia"),
        _split("Παπαδόπουλος|Papadopoulos|Papadopulos Παπαδάκης|Papadakis Γεωργίου|Georgiou|Yeoryiou "
               "Οικονόμου|Oikonomou|Economou Παπανικολάου|Papanikolaou Βασιλείου|Vasileiou|Vassiliou "
               "Νικολάου|Nikolaou Καραγιάννης|Karagiannis|Karayannis Μακρής|Makris Αντωνίου|Antoniou"),
        female_suffix={"ος": "ου", "ης": "η", "os": "ou", "is": "i"},
        native_script=True, calling_code="30",
    ),
)

STREETS = _split(
    "Hoofdstraat Kerkstraat Dorpsstraat Stationsweg Schoolstraat Molenweg Julianastraat Beatrixstraat "
    "Wilhelminastraat Nieuwstraat Marktstraat Parallelweg Industrieweg Kanaalweg Prinses_Irenestraat "
    "Oranjestraat Lindelaan Eikenlaan Sportlaan Burgemeester_de_Withstraat"
)
PLACES = (
    ("Amsterdam", "10"), ("Rotterdam", "30"), ("Den_Haag", "25"), ("Utrecht", "35"), ("Eindhoven", "56"),
    ("Tilburg", "50"), ("Groningen", "97"), ("Almere", "13"), ("Breda", "48"), ("Nijmegen", "65"),
    ("Enschede", "75"), ("Haarlem", "20"), ("Arnhem", "68"), ("Zaandam", "15"), ("Venlo", "59"),
    ("Westland", "26"), ("Zwolle", "80"), ("Leeuwarden", "89"), ("Maastricht", "62"), ("Dordrecht", "33"),
)
EMAIL_DOMAINS = ("gmail.com", "hotmail.com", "outlook.com", "yahoo.com", "live.nl", "mail.ru", "yandex.ru",
                 "abv.bg", "wp.pl", "freemail.hu", "qq.com", "163.com", "icloud.com", "ziggo.nl")
SOURCES = ("politie", "kmar", "comensha", "gemeente", "nla", "ind", "shelter", "om", "fiod", "bonded")
