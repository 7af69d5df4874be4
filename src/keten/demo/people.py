"""Invented names per nationality for demo persons. No real persons are meant."""

from __future__ import annotations

NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    # nationality: (female given names, male given names, family names)
    "NL": (("Sanne", "Lisa", "Femke", "Iris", "Noa", "Tess", "Jade", "Lotte", "Demi", "Esmee"),
           ("Daan", "Sem", "Luuk", "Milan", "Thijs", "Jesse", "Bram", "Ruben", "Stijn", "Niels"),
           ("de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos")),
    "RO": (("Ana-Maria", "Ioana", "Elena", "Andreea", "Mihaela", "Alexandra"),
           ("Ion", "Andrei", "Mihai", "Gabriel", "Florin", "Marian"),
           ("Popescu", "Ionescu", "Popa", "Stan", "Dumitru", "Constantin")),
    "BG": (("Maria", "Desislava", "Yana", "Gergana", "Ralitsa"), ("Georgi", "Ivan", "Dimitar", "Nikolay", "Petar"),
           ("Ivanova", "Georgieva", "Dimitrova", "Petrov", "Nikolov")),
    "PL": (("Katarzyna", "Magdalena", "Agnieszka", "Joanna"), ("Piotr", "Tomasz", "Marcin", "Krzysztof", "Pawel"),
           ("Nowak", "Kowalski", "Wisniewski", "Wojcik", "Kaminski")),
    "HU": (("Eszter", "Katalin", "Zsofia", "Reka"), ("Laszlo", "Zoltan", "Gabor", "Istvan"),
           ("Nagy", "Kovacs", "Toth", "Szabo", "Horvath")),
    "NG": (("Blessing", "Joy", "Precious", "Favour", "Happiness"), ("Emeka", "Chinedu", "Osagie", "Godwin"),
           ("Okafor", "Eze", "Osaro", "Igbinedion", "Obi")),
    "UA": (("Olena", "Tetiana", "Iryna", "Yuliia"), ("Oleksandr", "Dmytro", "Andrii", "Serhii"),
           ("Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko")),
    "VN": (("Lan", "Huong", "Mai", "Thu"), ("Minh", "Tuan", "Duc", "Hung"), ("Nguyen", "Tran", "Le", "Pham", "Hoang")),
    "CN": (("Mei", "Xiu", "Ling", "Fang"), ("Wei", "Jun", "Lei", "Tao"), ("Wang", "Li", "Zhang", "Liu", "Chen")),
    "BR": (("Ana", "Juliana", "Camila", "Fernanda"), ("Lucas", "Rafael", "Thiago"), ("Silva", "Santos", "Oliveira")),
    "CO": (("Valentina", "Daniela", "Paola"), ("Andres", "Camilo", "Felipe"), ("Garcia", "Rodriguez", "Martinez")),
    "TH": (("Siriporn", "Nittaya", "Malee"), ("Somchai", "Anan"), ("Saetang", "Wongsa", "Chaiyaporn")),
    "PH": (("Maricel", "Jennifer", "Rowena"), ("Jomar", "Rodel", "Arnel"), ("Santos", "Reyes", "Cruz", "Bautista")),
    "IN": (("Priya", "Anjali", "Sunita"), ("Rahul", "Amit", "Sandeep"), ("Singh", "Kumar", "Sharma")),
    "MA": (("Fatima", "Khadija", "Salma"), ("Youssef", "Anass", "Mehdi"), ("El Amrani", "Benali", "Tahiri")),
    "ER": (("Selam", "Helen", "Saba"), ("Yonas", "Dawit", "Filmon"), ("Tesfay", "Gebremedhin", "Kidane")),
}
LANGUAGE = {"NL": "nl", "RO": "ro", "BG": "bg", "PL": "pl", "HU": "hu", "NG": "en", "UA": "uk", "VN": "vi",
            "CN": "zh", "BR": "pt", "CO": "es", "TH": "th", "PH": "tl", "IN": "hi", "MA": "ar", "ER": "ti"}
