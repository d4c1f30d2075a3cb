"""HR subjects of the demo organisation: onboarding, leave and salary/collective agreement."""

from __future__ import annotations

from kennismaker.demo.model import Family, Subject

ONBOARDING = Subject(
    name="onboarding",
    families=(
        Family(
            "account-nieuwe-collega",
            nl=(
                "Er begint maandag een nieuwe collega, hoe regel ik een account en laptop?",
                "Weet iemand hoe lang het duurt voordat een nieuwe medewerker een account heeft?",
                "Wie moet de indiensttreding van een nieuwe collega aanmelden bij ICT",
                "Kan ik als teamleider zelf een account aanvragen voor een nieuwe medewerker?",
            ),
            en=(
                "A new colleague starts on Monday, how do I arrange an account and laptop?",
                "How long does it take before a new hire gets an account?",
                "Who registers a new colleague's start with IT",
            ),
            answer_nl="De leidinggevende meldt de indiensttreding aan via het formulier 'Nieuwe medewerker' in "
            "AFAS, minimaal tien werkdagen vooraf. Account en laptop liggen dan op de eerste werkdag klaar.",
            answer_en="The manager registers the new hire with the 'New employee' form in AFAS, at least ten "
            "working days ahead. Account and laptop are then ready on the first day.",
            link=("hr/onboarding/indiensttreding", "Checklist indiensttreding"),
        ),
        Family(
            "toegangspas",
            nl=(
                "Waar haal ik mijn toegangspas op?",
                "Heeft iemand een idee waar je als nieuwe medewerker een pas krijgt?",
                "Mijn toegangspas werkt nog niet op de tweede verdieping",
                "Kan ik een tijdelijke pas krijgen voor mijn eerste week?",
            ),
            en=(
                "Where do I pick up my access badge?",
                "Where do new starters get their building pass?",
                "My access badge doesn't work on the second floor yet",
            ),
            answer_nl="Je toegangspas haal je op bij de receptie in de centrale hal, neem je ID mee. Werkt hij "
            "niet op een verdieping, dan zet de receptie de rechten binnen een dag goed.",
            answer_en="Pick up your access badge at reception in the main hall, bring your ID. If it doesn't "
            "work on a floor, reception fixes the permissions within a day.",
            link=("hr/onboarding/toegangspas", "Toegangspas aanvragen en ophalen"),
        ),
        Family(
            "introductieprogramma",
            nl=(
                "Is er een introductiedag voor nieuwe medewerkers?",
                "Weet iemand wanneer de volgende introductiebijeenkomst is?",
                "Hoe meld ik me aan voor het introductieprogramma",
                "Heeft iemand het programma van de welkomstdag voor nieuwe collega's?",
            ),
            en=(
                "Is there an introduction day for new employees?",
                "When is the next onboarding session?",
                "How do I sign up for the introduction programme",
            ),
            answer_nl="De introductiedag is elke eerste dinsdag van de maand, met rondleiding en lunch met de "
            "directie. Je krijgt automatisch een uitnodiging in je eerste week.",
            answer_en="The introduction day is on the first Tuesday of every month, with a tour and lunch with "
            "the directors. You get an invitation automatically in your first week.",
            link=("hr/onboarding/introductiedag", "Introductiedag nieuwe medewerkers"),
        ),
        Family(
            "buddy",
            nl=(
                "Krijg ik als nieuwe medewerker een buddy?",
                "Weet iemand of er een buddyprogramma is voor nieuwe collega's?",
                "Hoe word je buddy van een nieuwe collega",
                "Kan ik me opgeven als buddy voor nieuwe medewerkers?",
            ),
            en=(
                "Do I get a buddy as a new employee?",
                "Is there a buddy programme for new colleagues?",
                "How do you become a buddy for a new starter",
            ),
            answer_nl="Ja, iedere nieuwe medewerker krijgt de eerste drie maanden een buddy uit een ander team. "
            "Buddy worden kan via het aanmeldformulier van HR.",
            answer_en="Yes, every new employee gets a buddy from another team for the first three months. Sign "
            "up to be a buddy with the HR form.",
            link=("hr/onboarding/buddy", "Buddyprogramma"),
        ),
    ),
    short_nl=("Dat loopt via je leidinggevende en HR.", "Staat allemaal in de checklist indiensttreding."),
    short_en=("That goes through your manager and HR.", "It's all in the onboarding checklist."),
    followup_nl=("Geldt dat ook voor stagiairs en uitzendkrachten?", "Krijg ik daar nog een bevestiging van?"),
    followup_en=("Does that also apply to interns and temps?", "Will I get a confirmation for that?"),
    news_nl=("Welkom aan de zeven nieuwe collega's die deze maand zijn gestart!", "De introductiedag van "
             "dinsdag is vol, de volgende is op de eerste dinsdag van volgende maand."),
    news_en=("Welcome to the seven new colleagues who started this month!", "Tuesday's introduction day is "
             "full, the next one is on the first Tuesday of next month."),
    links=(("hr/onboarding/welkom", "Welkom bij Gemeente Waterland"), ("hr/onboarding/eerste-week",
           "Je eerste week")),
)

VERLOF = Subject(
    name="verlof",
    families=(
        Family(
            "verlof-aanvragen",
            nl=(
                "Hoe vraag ik verlof aan in AFAS?",
                "Weet iemand waar je in AFAS een verlofaanvraag indient?",
                "Kan ik mijn vakantie ook via de app aanvragen",
                "Moet mijn leidinggevende elke verlofaanvraag goedkeuren?",
            ),
            en=(
                "How do I request leave in AFAS?",
                "Where do you submit a leave request in AFAS?",
                "Can I request holiday through the app",
            ),
            answer_nl="In AFAS Insite ga je naar 'Verlof' en dan 'Verlofaanvraag'. Je leidinggevende krijgt een "
            "taak om goed te keuren; je ziet de status onder 'Mijn aanvragen'.",
            answer_en="In AFAS Insite go to 'Leave' and then 'Leave request'. Your manager gets a task to "
            "approve it; you can follow the status under 'My requests'.",
            link=("hr/verlof/aanvragen", "Verlof aanvragen in AFAS"),
        ),
        Family(
            "verlofsaldo",
            nl=(
                "Waar zie ik hoeveel verlofuren ik nog heb?",
                "Heeft iemand ook een raar verlofsaldo in AFAS deze maand?",
                "Mijn verlofsaldo klopt niet volgens mij",
                "Weet iemand hoe je het verlofsaldo berekent bij parttime werken?",
            ),
            en=(
                "Where can I see how many leave hours I have left?",
                "Does anyone else have a strange leave balance in AFAS this month?",
                "I think my leave balance is wrong",
            ),
            answer_nl="Je saldo staat in AFAS onder 'Verlof' > 'Saldo'. Bij parttime werken worden je uren naar "
            "rato berekend; klopt het niet, stuur dan een melding naar het HR-servicecentrum.",
            answer_en="Your balance is in AFAS under 'Leave' > 'Balance'. For part-timers the hours are "
            "prorated; if it's wrong, send a ticket to the HR service centre.",
            link=("hr/verlof/saldo", "Je verlofsaldo bekijken"),
        ),
        Family(
            "verlof-meenemen",
            nl=(
                "Mag ik mijn verlofuren meenemen naar volgend jaar?",
                "Weet iemand of niet opgenomen vakantie-uren vervallen?",
                "Hoeveel verlofuren mag je meenemen naar het nieuwe jaar",
                "Kan ik verlofuren verkopen als ik ze niet opneem?",
            ),
            en=(
                "Can I carry my leave hours over to next year?",
                "Do unused holiday hours expire?",
                "How many leave hours can you carry over to the new year",
            ),
            answer_nl="Wettelijke verlofuren vervallen zes maanden na het einde van het jaar, bovenwettelijke "
            "uren blijven vijf jaar geldig. Verkopen kan via het IKB-budget.",
            answer_en="Statutory leave hours expire six months after the end of the year; extra hours stay "
            "valid for five years. You can sell them through the IKB budget.",
            link=("hr/verlof/meenemen", "Verlof meenemen en laten vervallen"),
        ),
        Family(
            "bijzonder-verlof",
            nl=(
                "Heb ik recht op bijzonder verlof bij een verhuizing?",
                "Weet iemand hoeveel dagen bijzonder verlof je krijgt voor een bruiloft?",
                "Krijg je calamiteitenverlof als je kind ziek is",
                "Hoe vraag ik zorgverlof aan voor mijn vader?",
            ),
            en=(
                "Am I entitled to special leave when I move house?",
                "How many days of special leave do you get for a wedding?",
                "Do you get emergency leave when your child is sick",
            ),
            answer_nl="Voor een verhuizing krijg je één dag bijzonder verlof, voor je eigen huwelijk twee. "
            "Calamiteiten- en zorgverlof vraag je aan in AFAS onder 'Bijzonder verlof'.",
            answer_en="You get one day of special leave for moving house and two for your own wedding. Request "
            "emergency and care leave in AFAS under 'Special leave'.",
            link=("hr/verlof/bijzonder-verlof", "Bijzonder verlof volgens de cao"),
        ),
    ),
    short_nl=("Dat doe je gewoon in AFAS onder Verlof.", "Staat in de cao, hoofdstuk verlof."),
    short_en=("You just do that in AFAS under Leave.", "It's in the collective agreement, leave chapter."),
    followup_nl=("Geldt dat ook als ik parttime werk?", "Moet ik dat vooraf met mijn leidinggevende "
                 "afstemmen?"),
    followup_en=("Does that also apply if I work part-time?", "Do I need to agree that with my manager "
                 "first?"),
    news_nl=("Vergeet niet je verlof voor de kerstperiode voor 1 december aan te vragen in AFAS.", "AFAS is "
             "zaterdag de hele dag niet beschikbaar vanwege onderhoud."),
    news_en=("Don't forget to request your Christmas leave in AFAS before 1 December.", "AFAS is unavailable "
             "all day Saturday due to maintenance."),
    links=(("hr/verlof/regeling", "Verlofregeling"), ("hr/verlof/feestdagen", "Feestdagen en "
           "collectieve vrije dagen")),
)

SALARIS = Subject(
    name="salaris-cao",
    families=(
        Family(
            "loonstrook-vinden",
            nl=(
                "Waar vind ik mijn loonstrook?",
                "Weet iemand waar de salarisstroken van vorig jaar staan?",
                "Ik kan mijn jaaropgave niet vinden in AFAS",
                "Hoe download ik mijn salarisstrook als pdf?",
            ),
            en=(
                "Where can I find my payslip?",
                "Where are last year's payslips stored?",
                "I can't find my annual statement in AFAS",
            ),
            answer_nl="Loonstroken en jaaropgaven staan in AFAS Insite onder 'Mijn dossier' > 'Salaris'. Daar "
            "kun je ze ook als pdf downloaden, tot vijf jaar terug.",
            answer_en="Payslips and annual statements are in AFAS Insite under 'My file' > 'Salary'. You can "
            "download them as PDF there, up to five years back.",
            link=("hr/salaris/loonstrook", "Je loonstrook en jaaropgave"),
        ),
        Family(
            "ikb-budget",
            nl=(
                "Hoe zet ik mijn IKB-budget in voor extra verlof?",
                "Weet iemand wanneer het IKB-budget wordt uitbetaald?",
                "Kan ik mijn IKB gebruiken voor een fiets",
                "Wat is het verschil tussen IKB laten uitbetalen en sparen?",
            ),
            en=(
                "How do I use my IKB budget for extra leave?",
                "When is the IKB budget paid out?",
                "Can I use my IKB for a bike",
            ),
            answer_nl="Het IKB is 17,05% van je salaris. Je kiest in AFAS onder 'IKB' of je het maandelijks laat "
            "uitbetalen, spaart of inzet voor verlof of een fiets.",
            answer_en="The IKB is 17.05% of your salary. In AFAS under 'IKB' you choose to have it paid monthly, "
            "save it, or use it for leave or a bike.",
            link=("hr/salaris/ikb", "Individueel Keuzebudget (IKB)"),
        ),
        Family(
            "cao-loonsverhoging",
            nl=(
                "Wanneer gaat de loonsverhoging uit de nieuwe cao in?",
                "Weet iemand of de cao-verhoging al op de loonstrook van deze maand staat?",
                "Krijgen we de cao-verhoging met terugwerkende kracht",
                "Heeft iemand al gehoord hoe hoog de indexatie in de nieuwe cao is?",
            ),
            en=(
                "When does the pay rise from the new collective agreement start?",
                "Is the CAO increase already on this month's payslip?",
                "Do we get the CAO increase retroactively",
            ),
            answer_nl="De cao-verhoging van 3,5% gaat in per 1 oktober en staat op de loonstrook van november, "
            "inclusief de nabetaling over oktober.",
            answer_en="The 3.5% increase from the collective agreement starts on 1 October and shows on the "
            "November payslip, including back pay for October.",
            link=("hr/salaris/cao", "Nieuwe cao gemeenten: wat verandert er"),
        ),
        Family(
            "eindejaarsuitkering",
            nl=(
                "Wanneer wordt de eindejaarsuitkering betaald?",
                "Weet iemand of de eindejaarsuitkering in het IKB zit?",
                "Krijg ik nog een dertiende maand",
                "Hoe wordt de eindejaarsuitkering berekend bij ouderschapsverlof?",
            ),
            en=(
                "When is the year-end bonus paid?",
                "Is the year-end payment part of the IKB?",
                "Do I still get a thirteenth month",
            ),
            answer_nl="De eindejaarsuitkering zit sinds de nieuwe cao in het IKB; je krijgt hem dus niet meer "
            "apart in december, tenzij je voor uitbetaling in december hebt gekozen.",
            answer_en="Since the new collective agreement the year-end payment is part of the IKB, so it is no "
            "longer paid separately in December unless you chose December payout.",
            link=("hr/salaris/eindejaarsuitkering", "Eindejaarsuitkering en IKB"),
        ),
    ),
    short_nl=("Staat in AFAS onder Mijn dossier.", "Dat regelt de salarisadministratie, mail even "
              "salaris@waterland.example."),
    short_en=("It's in AFAS under My file.", "Payroll handles that, email salaris@waterland.example."),
    followup_nl=("Geldt dat ook voor mensen in schaal 8?", "Zie ik dat dan terug op mijn loonstrook?"),
    followup_en=("Does that also apply to people in scale 8?", "Will I see that on my payslip then?"),
    news_nl=("De loonstroken van oktober staan klaar in AFAS.", "De nieuwe cao is ondertekend; de "
             "salarisverhoging komt op de loonstrook van november."),
    news_en=("The October payslips are available in AFAS.", "The new collective agreement is signed; the pay "
             "rise will be on the November payslip."),
    links=(("hr/salaris/schalen", "Salarisschalen 2026"), ("hr/salaris/pensioen", "Pensioen bij ABP")),
)

HR_SUBJECTS = (ONBOARDING, VERLOF, SALARIS)
