"""Bulgarian texts of the demo's toys, groups, consent forms and referrals (data, not UI).

Programmes and institutions are matched by the English source text set-up created them
from, so the demo knows what a group on "Family planning" talks about.
"""

from __future__ import annotations

from typing import NamedTuple


class ToyTemplate(NamedTuple):
    name: str
    category: str
    area: str  # DevelopmentalArea value
    age_min: int  # months
    age_max: int
    pieces: int
    description: str = ""


TOYS = (
    ToyTemplate(
        "Дървен пъзел с животни",
        "Пъзели",
        "cognitive",
        18,
        48,
        8,
        "Дървена основа с 8 животни с дръжчици.",
    ),
    ToyTemplate(
        "Сортер с форми",
        "Сортери и низанки",
        "fine_motor",
        12,
        36,
        9,
        "Кутия с 8 фигури за пъхане през отворите.",
    ),
    ToyTemplate("Кула от чаши за подреждане", "Сортери и низанки", "fine_motor", 6, 30, 10),
    ToyTemplate("Дрънкалка с дръжка", "Бебешки играчки", "fine_motor", 0, 12, 1),
    ToyTemplate("Мека книжка с текстури", "Книжки", "communication", 0, 18, 1),
    ToyTemplate(
        "Активна постелка за бебе",
        "Бебешки играчки",
        "gross_motor",
        0,
        12,
        1,
        "Постелка с дъга и 4 висящи играчки.",
    ),
    ToyTemplate("Количка за бутане с кубчета", "Движение", "gross_motor", 10, 30, 21),
    ToyTemplate("Дървени кубчета", "Конструктори", "cognitive", 18, 72, 30),
    ToyTemplate(
        "Конструктор с едри елементи",
        "Конструктори",
        "fine_motor",
        24,
        72,
        60,
        "Кутия с 60 едри елемента за сглобяване.",
    ),
    ToyTemplate("Низанка с дървени мъниста", "Сортери и низанки", "fine_motor", 36, 84, 25),
    ToyTemplate("Мозайка с едри пионки", "Сортери и низанки", "fine_motor", 36, 84, 60),
    ToyTemplate("Лото с картинки „Животни“", "Настолни игри", "communication", 36, 84, 36),
    ToyTemplate("Мемори „Плодове и зеленчуци“", "Настолни игри", "cognitive", 36, 96, 48),
    ToyTemplate("Домино с картинки", "Настолни игри", "cognitive", 36, 84, 28),
    ToyTemplate("„Не се сърди, човече“", "Настолни игри", "social_emotional", 60, 144, 18),
    ToyTemplate("Кукла с дрехи", "Ролеви игри", "social_emotional", 24, 84, 5),
    ToyTemplate("Комплект „Малкият лекар“", "Ролеви игри", "social_emotional", 36, 84, 10),
    ToyTemplate("Детска кухня – съдове и продукти", "Ролеви игри", "social_emotional", 24, 72, 24),
    ToyTemplate(
        "Куклен театър – ръкавици",
        "Ролеви игри",
        "communication",
        36,
        96,
        5,
        "Пет героя от приказки.",
    ),
    ToyTemplate("Ксилофон", "Музикални", "communication", 12, 60, 3),
    ToyTemplate("Комплект музикални инструменти", "Музикални", "communication", 12, 72, 6),
    ToyTemplate("Топка с релефна повърхност", "Сензорни", "gross_motor", 0, 36, 1),
    ToyTemplate("Баланс борд", "Движение", "gross_motor", 36, 120, 1),
    ToyTemplate("Въже за скачане и обръчи", "Движение", "gross_motor", 48, 144, 4),
    ToyTemplate("Кегли", "Движение", "gross_motor", 24, 84, 7),
    ToyTemplate("Кинетичен пясък с формички", "Сензорни", "fine_motor", 36, 96, 8),
    ToyTemplate("Пъзел „Карта на България“", "Пъзели", "cognitive", 72, 168, 28),
    ToyTemplate("Книжка „Първите ми думи“", "Книжки", "communication", 12, 36, 1),
    ToyTemplate(
        "Приказки с картинки", "Книжки", "communication", 36, 96, 5, "Пет книжки с кратки приказки."
    ),
    ToyTemplate("Дървен влак с релси", "Конструктори", "cognitive", 24, 72, 24),
    ToyTemplate("Дървен часовник за учене", "Учебни помагала", "cognitive", 48, 96, 1),
    ToyTemplate("Сметало", "Учебни помагала", "cognitive", 48, 96, 1),
    ToyTemplate("Магнитна дъска с букви", "Учебни помагала", "communication", 48, 96, 31),
    ToyTemplate("Табло за връзване на връзки", "Сортери и низанки", "fine_motor", 36, 72, 2),
    ToyTemplate("Карти „Емоции“", "Настолни игри", "social_emotional", 36, 96, 24),
    ToyTemplate("Бебешко огледало", "Бебешки играчки", "social_emotional", 0, 12, 1),
    ToyTemplate("Пирамида с рингове", "Бебешки играчки", "fine_motor", 6, 24, 7),
    ToyTemplate("Тунел за пълзене", "Движение", "gross_motor", 6, 48, 1),
    ToyTemplate("Шах за начинаещи", "Настолни игри", "cognitive", 84, 216, 33),
    ToyTemplate("Карти „Противоположности“", "Настолни игри", "communication", 36, 84, 30),
    ToyTemplate("Детски микроскоп", "Учебни помагала", "cognitive", 96, 180, 6),
    ToyTemplate("Комплект за рисуване с пастели", "Учебни помагала", "fine_motor", 36, 120, 13),
)

TOY_SOURCES = (
    ("Закупена по проекта", 10),
    ("Дарение", 4),
    ("Дарение от родители", 2),
    ("Дарение от УНИЦЕФ", 2),
    ("Закупена от общината", 1),
)
SHELF = "Стелаж {letter}, рафт {n}"
SHELF_LETTERS = "АБВГ"

REMINDER_NOTES = (
    "Обаждане – обещаха да я върнат до петък.",
    "Не вдигат; оставено съобщение.",
    "Майката ще я донесе при следващото посещение.",
    "Обаждане – детето още си играе с нея, ще я върнат.",
)
LOAN_MISSING_NOTE = "Върната без част от елементите."

GROUP_NICKNAMES = (
    "Пчелички",
    "Слънчогледи",
    "Калинки",
    "Звездички",
    "Дъга",
    "Светулки",
    "Врабчета",
    "Мостове",
    "Заедно",
    "Първи стъпки",
)
SESSION_PLACES = ("Голямата зала", "Детският кът", "Залата за консултации")
GENERIC_TOPICS = (
    "Запознаване и правила на групата",
    "Общуване в семейството",
    "Въпроси и отговори",
    "Обобщение и обратна връзка",
)

# Keyed by the English source text of setup.PROGRAMMES:
# (group targets, facilitator kinds, topics).
PROGRAMMES = {
    "Prevention of early marriages": (
        ("mixed", "parents"),
        ("mediator", "psychologist"),
        (
            "Правото на детето да учи",
            "Мечти и професии",
            "Кога сме готови за семейство",
            "Разговор между родители и тийнейджъри",
            "Истории от нашата общност",
            "Образованието като шанс",
        ),
    ),
    "Family planning": (
        ("parents", "pregnant"),
        ("nurse", "health_mediator"),
        (
            "Грижа за здравето на жената",
            "Бременност и профилактични прегледи",
            "Планиране на следващото дете",
            "Кърмене и първите месеци",
            "Къде да потърсим медицинска помощ",
            "Личен лекар и здравно осигуряване",
        ),
    ),
    "Prevention of family separation": (
        ("parents",),
        ("social_worker", "psychologist"),
        (
            "Подкрепа в трудни моменти",
            "Семейният бюджет",
            "Права и социални услуги",
            "Общуване без насилие",
            "Грижа за детето у дома",
            "Къде да потърсим помощ",
        ),
    ),
    "Early child development": (
        ("children_0_3", "children_3_7"),
        ("pedagogue", "speech_therapist"),
        (
            "Игри с пръстчета",
            "Музика и движение",
            "Четем заедно",
            "Цветове и форми",
            "Първите думи",
            "Игри с пясък и вода",
            "Приказка с кукли",
            "Рисуваме с ръце",
        ),
    ),
    "School for parents": (
        ("parents",),
        ("pedagogue", "psychologist"),
        (
            "Готови ли сме за детската градина",
            "Режим на сън и хранене",
            "Похвала и граници",
            "Игра у дома без скъпи играчки",
            "Подготовка за първи клас",
            "Детските емоции",
        ),
    ),
}

# Keyed by the English source text of setup.INSTITUTIONS:
# (who is referred, reasons). Who: "child", "small_child", "teen", "adult", "pregnant".
REFERRALS = {
    "Social Assistance Directorate (DSP)": (
        "adult",
        ("Съдействие за семейни помощи за деца", "Еднократна социална помощ"),
    ),
    "Child Protection Department (OZD)": (
        "child",
        ("Риск от изоставяне на дете", "Подкрепа на семейството в криза"),
    ),
    "General practitioner (GP)": ("adult", ("Избор на личен лекар", "Профилактичен преглед")),
    "Paediatrician": ("small_child", ("Профилактичен преглед на дете", "Пропуснати имунизации")),
    "Obstetrician-gynaecologist": (
        "pregnant",
        ("Наблюдение на бременността", "Консултация за семейно планиране"),
    ),
    "Regional Health Inspectorate (RZI)": (
        "small_child",
        ("Справка за имунизации", "Наваксване на имунизации"),
    ),
    "Health mediator": ("adult", ("Съдействие за здравно осигуряване", "Придружаване до лекар")),
    "Nursery": ("small_child", ("Записване в детска ясла",)),
    "Kindergarten": ("child", ("Записване в детска градина", "Чести отсъствия от градината")),
    "School": ("child", ("Записване в първи клас", "Риск от отпадане от училище")),
    "Regional Department of Education (RUO)": (
        "child",
        ("Съдействие при записване в училище", "Допълнително обучение по български"),
    ),
    "Community Support Centre (TsOP)": (
        "adult",
        ("Консултация с психолог", "Подкрепа за родителски умения"),
    ),
    "Centre for Social Rehabilitation and Integration (TsSRI)": (
        "child",
        ("Логопедична терапия", "Ранна интервенция"),
    ),
    "Labour Office Directorate": (
        "adult",
        ("Регистрация като търсещ работа", "Включване в програма за заетост"),
    ),
    "Local commission against juvenile delinquency (MKBPPMN)": (
        "teen",
        ("Консултация при рисково поведение",),
    ),
}
GENERIC_REASONS = ("Консултация и подкрепа", "Съдействие с документи")

REFERRAL_STEPS = (
    "Проведен разговор с родителя.",
    "Уговорен час по телефона.",
    "Медиаторът ще придружи семейството.",
    "Помощ при попълване на документите.",
    "Дадена информация за нужните документи.",
)
REFERRAL_OUTCOMES = {
    "visited": ("Посетили са институцията; очаква се обратна информация.",),
    "no_show": ("Не са се явили; нов час по договаряне.", "Не са отишли; ще опитат отново."),
}
# What the feedback part says when a referral is closed, by kind of institution.
CLOSED_OUTCOMES = {
    "health": (
        "Получена обратна информация: проведен преглед, дадени препоръки.",
        "Получена обратна информация: избран личен лекар.",
    ),
    "education": (
        "Получена обратна информация: детето е записано и посещава редовно.",
        "Получена обратна информация: назначено допълнително обучение.",
    ),
    "social": (
        "Получена обратна информация: услугата е започнала.",
        "Получена обратна информация: документите са подадени и приети.",
    ),
    "employment": (
        "Получена обратна информация: лицето е регистрирано.",
        "Получена обратна информация: включване в програма за заетост.",
    ),
}
GENERIC_OUTCOME = "Получена обратна информация."
