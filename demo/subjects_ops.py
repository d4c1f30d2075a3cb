"""Operations subjects of the demo organisation: expense claims, facilities and Power BI."""

from __future__ import annotations

from kennismaker.demo.model import Family, Subject

DECLARATIES = Subject(
    name="declaraties",
    families=(
        Family(
            "reiskosten-declareren",
            nl=(
                "Hoe declareer ik mijn reiskosten voor een dienstreis?",
                "Weet iemand hoe de kilometervergoeding werkt bij gebruik van je eigen auto?",
                "Kan ik treinkaartjes voor een cursus declareren",
                "Waar vul ik een declaratie voor reiskosten in?",
            ),
            en=(
                "How do I claim travel expenses for a business trip?",
                "How does the mileage allowance work when using your own car?",
                "Can I claim train tickets for a course",
            ),
            answer_nl="Reiskosten declareer je in het declaratieportaal onder 'Dienstreis'. Voor je eigen auto "
            "geldt € 0,23 per kilometer; treinkaartjes voeg je toe als bijlage.",
            answer_en="Claim travel expenses in the expense portal under 'Business trip'. Your own car gets "
            "€ 0.23 per kilometre; add train tickets as attachments.",
            link=("financien/declaraties/reiskosten", "Reiskosten declareren"),
        ),
        Family(
            "bonnetje-kwijt",
            nl=(
                "Ik ben het bonnetje kwijt, kan ik toch declareren?",
                "Heeft iemand ervaring met declareren zonder kassabon?",
                "Mijn bon is niet meer leesbaar, wordt mijn declaratie dan afgekeurd",
                "Mag een foto van het bonnetje ook?",
            ),
            en=(
                "I lost the receipt, can I still file the expense claim?",
                "Anyone claimed expenses without a receipt?",
                "My receipt is unreadable, will the claim be rejected",
            ),
            answer_nl="Een foto van het bonnetje is prima. Ben je hem kwijt, vul dan de 'Verklaring ontbrekend "
            "bewijs' in en laat die door je budgethouder aftekenen.",
            answer_en="A photo of the receipt is fine. If you lost it, fill in the 'Missing receipt statement' "
            "and have your budget holder sign it.",
            link=("financien/declaraties/bewijsstukken", "Bewijsstukken bij declaraties"),
        ),
        Family(
            "uitbetaling-declaratie",
            nl=(
                "Wanneer wordt mijn declaratie uitbetaald?",
                "Weet iemand hoe lang goedkeuring van een declaratie duurt?",
                "Mijn declaratie staat al drie weken op 'in behandeling'",
                "Wie keurt declaraties goed als mijn budgethouder op vakantie is?",
            ),
            en=(
                "When will my expense claim be paid out?",
                "How long does approval of an expense claim take?",
                "My claim has been 'in progress' for three weeks",
            ),
            answer_nl="Goedgekeurde declaraties worden elke dinsdag en vrijdag uitbetaald. Hangt hij bij je "
            "budgethouder, dan kan diens vervanger hem goedkeuren in het declaratieportaal.",
            answer_en="Approved claims are paid every Tuesday and Friday. If it's stuck with your budget "
            "holder, their deputy can approve it in the expense portal.",
            link=("financien/declaraties/uitbetaling", "Uitbetaling van declaraties"),
        ),
        Family(
            "thuiswerkvergoeding",
            nl=(
                "Hoe vraag ik de thuiswerkvergoeding aan?",
                "Weet iemand of de thuiswerkvergoeding automatisch wordt betaald?",
                "Krijg je ook een vergoeding voor een bureaustoel thuis",
                "Kan ik mijn internetkosten declareren als ik thuiswerk?",
            ),
            en=(
                "How do I apply for the working-from-home allowance?",
                "Is the home working allowance paid automatically?",
                "Do you get an allowance for a desk chair at home",
            ),
            answer_nl="De thuiswerkvergoeding van € 2,40 per dag gaat automatisch op basis van je thuiswerkdagen "
            "in AFAS. Een bureaustoel vraag je eenmalig aan via het formulier 'Thuiswerkplek'.",
            answer_en="The € 2.40 per day allowance is paid automatically based on your home working days in "
            "AFAS. Request a desk chair once with the 'Home workplace' form.",
            link=("financien/declaraties/thuiswerken", "Thuiswerkvergoeding en thuiswerkplek"),
        ),
    ),
    short_nl=("Gewoon via het declaratieportaal.", "Vraag het even aan je budgethouder."),
    short_en=("Just through the expense portal.", "Ask your budget holder."),
    followup_nl=("Moet ik daar een kostenplaats bij invullen?", "Geldt dat ook voor parkeerkosten?"),
    followup_en=("Do I need to fill in a cost centre for that?", "Does that also apply to parking costs?"),
    news_nl=("Declaraties over oktober graag voor 5 november indienen, daarna sluit de periode.", "Het "
             "declaratieportaal heeft een nieuwe app: je kunt bonnetjes nu direct fotograferen."),
    news_en=("Please submit October expense claims before 5 November, the period closes after that.", "The "
             "expense portal has a new app: you can now photograph receipts directly."),
    links=(("financien/declaraties/regeling", "Declaratieregeling"), ("financien/declaraties/portaal",
           "Handleiding declaratieportaal")),
)

FACILITAIR = Subject(
    name="facilitair-kantoor",
    families=(
        Family(
            "vergaderruimte-reserveren",
            nl=(
                "Hoe reserveer ik een vergaderruimte voor meer dan tien personen?",
                "Weet iemand hoe je de Waterkamer boekt?",
                "Kan ik een vergaderzaal met catering reserveren via Outlook",
                "Waarom kan ik de grote zaal niet boeken?",
            ),
            en=(
                "How do I book a meeting room for more than ten people?",
                "How do you book the Waterkamer?",
                "Can I book a meeting room with catering through Outlook",
            ),
            answer_nl="Vergaderruimtes boek je in Outlook via 'Ruimtezoeker'. De grote zalen en catering gaan "
            "via het facilitair portaal, minimaal twee werkdagen vooraf.",
            answer_en="Book meeting rooms in Outlook with 'Room finder'. The large rooms and catering go "
            "through the facilities portal, at least two working days ahead.",
            link=("facilitair/vergaderruimtes", "Vergaderruimtes reserveren"),
        ),
        Family(
            "parkeerplaats",
            nl=(
                "Mag ik in de parkeergarage parkeren als ik op kantoor werk?",
                "Weet iemand hoe je een parkeerplaats aanvraagt?",
                "De slagboom van de parkeergarage herkent mijn pas niet",
                "Is er een oplaadpunt voor elektrische auto's bij het stadskantoor?",
            ),
            en=(
                "Can I park in the garage when I work at the office?",
                "How do you request a parking space?",
                "Are there charging points for electric cars at the city office",
            ),
            answer_nl="Parkeren in de garage kan met een parkeerrecht op je toegangspas, aan te vragen bij "
            "Facilitair. Er zijn twaalf laadpunten op niveau -1.",
            answer_en="You can park in the garage with parking rights on your access badge, request them from "
            "Facilities. There are twelve charging points on level -1.",
            link=("facilitair/parkeren", "Parkeren en laadpunten"),
        ),
        Family(
            "printen",
            nl=(
                "De printer op de derde verdieping doet het niet, weet iemand wat er is?",
                "Hoe print ik met Follow-Me op een andere verdieping?",
                "Mijn printopdracht komt niet uit de printer",
                "Kan ik vanaf mijn laptop thuis naar de printer op kantoor sturen?",
            ),
            en=(
                "The printer on the third floor isn't working, anyone know what's up?",
                "How do I print with Follow-Me on another floor?",
                "My print job doesn't come out of the printer",
            ),
            answer_nl="Met Follow-Me haal je je printopdracht op bij elke printer door je pas tegen de lezer te "
            "houden. Storingen aan de printer meld je bij Facilitair, niet bij ICT.",
            answer_en="With Follow-Me you release your print job at any printer by holding your badge to the "
            "reader. Report printer faults to Facilities, not IT.",
            link=("facilitair/printen", "Printen met Follow-Me"),
        ),
        Family(
            "flexplek-kluisje",
            nl=(
                "Hoe krijg ik een kluisje op de flexverdieping?",
                "Weet iemand of je een flexplek vooraf moet reserveren?",
                "Mijn kluisje gaat niet meer open met mijn pas",
                "Mag je spullen laten liggen op een flexplek?",
            ),
            en=(
                "How do I get a locker on the flex floor?",
                "Do you need to book a flex desk in advance?",
                "My locker won't open with my badge anymore",
            ),
            answer_nl="Kluisjes koppel je zelf aan je pas via de zuil bij de lift. Flexplekken reserveer je in "
            "de app 'Waterland Werkplek'; aan het eind van de dag de plek leeg achterlaten.",
            answer_en="Link a locker to your badge yourself at the kiosk by the lift. Book flex desks in the "
            "'Waterland Werkplek' app; leave the desk clear at the end of the day.",
            link=("facilitair/flexwerken", "Flexwerken en kluisjes"),
        ),
    ),
    short_nl=("Dat kan via het facilitair portaal.", "Even bellen met de receptie, toestel 100."),
    short_en=("You can do that through the facilities portal.", "Call reception on extension 100."),
    followup_nl=("Geldt dat ook voor het gebouw aan de Havenstraat?", "Moet ik daar mijn pas voor "
                 "meenemen?"),
    followup_en=("Does that also apply to the Havenstraat building?", "Do I need to bring my badge for "
                 "that?"),
    news_nl=("De koffieautomaten op de tweede verdieping worden vrijdag vervangen.", "Maandag wordt de "
             "parkeergarage schoongemaakt, parkeren kan dan alleen op het achterterrein."),
    news_en=("The coffee machines on the second floor are replaced on Friday.", "The parking garage is "
             "cleaned on Monday, parking is only possible at the back lot that day."),
    links=(("facilitair/huisregels", "Huisregels stadskantoor"), ("facilitair/plattegrond",
           "Plattegrond stadskantoor")),
)

POWER_BI = Subject(
    name="power-bi-dashboards",
    families=(
        Family(
            "dataset-ververst-niet",
            nl=(
                "Mijn Power BI-dataset ververst niet meer sinds maandag, iemand een idee?",
                "Weet iemand waarom de geplande vernieuwing van ons dashboard mislukt?",
                "Het dashboard toont nog de cijfers van vorige week",
                "Heeft iemand ook foutmeldingen bij het vernieuwen van datasets in Power BI?",
            ),
            en=(
                "My Power BI dataset hasn't refreshed since Monday, any ideas?",
                "Why does the scheduled refresh of our dashboard fail?",
                "The dashboard still shows last week's numbers",
            ),
            answer_nl="Controleer in de workspace bij 'Instellingen' > 'Geplande vernieuwing' of de "
            "referenties nog geldig zijn. Na een wachtwoordwijziging moet de eigenaar van de dataset opnieuw "
            "aanmelden bij de gegevensbron.",
            answer_en="Check in the workspace under 'Settings' > 'Scheduled refresh' whether the credentials "
            "are still valid. After a password change the dataset owner must sign in to the data source again.",
            link=("data/powerbi/vernieuwen", "Geplande vernieuwing in Power BI"),
        ),
        Family(
            "pro-licentie",
            nl=(
                "Heb ik een Pro-licentie nodig om een Power BI-rapport te delen?",
                "Weet iemand hoe je een Power BI Pro-licentie aanvraagt?",
                "Collega's kunnen mijn dashboard niet openen",
                "Kan ik een rapport delen met iemand zonder licentie?",
            ),
            en=(
                "Do I need a Pro licence to share a Power BI report?",
                "How do you request a Power BI Pro licence?",
                "Colleagues can't open my dashboard",
            ),
            answer_nl="Delen kan alleen vanuit een Premium-workspace of als ontvangers een Pro-licentie hebben. "
            "Publiceer het rapport daarom in de workspace 'Waterland Rapportages' (Premium).",
            answer_en="Sharing only works from a Premium workspace or if recipients have a Pro licence. So "
            "publish the report in the 'Waterland Rapportages' (Premium) workspace.",
            link=("data/powerbi/licenties", "Power BI-licenties en delen"),
        ),
        Family(
            "toegang-workspace",
            nl=(
                "Hoe krijg ik toegang tot de Power BI-workspace van Financiën?",
                "Wie beheert de rechten op de workspace Sociaal Domein?",
                "Ik zie de workspace met de begrotingsdashboards niet",
                "Kan iemand mij lezer maken in de workspace Bedrijfsvoering?",
            ),
            en=(
                "How do I get access to the Finance Power BI workspace?",
                "Who manages permissions on the Social Domain workspace?",
                "I can't see the workspace with the budget dashboards",
            ),
            answer_nl="Toegang tot een workspace vraag je aan via het selfserviceportaal, formulier 'Power BI "
            "toegang'. De data-eigenaar van de afdeling keurt het goed.",
            answer_en="Request workspace access in the self-service portal with the 'Power BI access' form. "
            "The department's data owner approves it.",
            link=("data/powerbi/toegang", "Toegang tot Power BI-workspaces"),
        ),
        Family(
            "gateway-fout",
            nl=(
                "Ik krijg een gateway-fout als ik verbind met de SQL-database in Power BI",
                "Weet iemand welke gateway we moeten gebruiken voor on-premises bronnen?",
                "Kan ik vanuit Power BI bij de datawarehouse-tabellen?",
                "Waarom staat onze gegevensbron op 'offline' in de gateway?",
            ),
            en=(
                "I get a gateway error when connecting to the SQL database in Power BI",
                "Which gateway should we use for on-premises sources?",
                "Why is our data source 'offline' in the gateway",
            ),
            answer_nl="Gebruik de gateway 'GW-WATERLAND-PRD' en vraag het datateam de bron eraan toe te voegen. "
            "Persoonlijke gateways zijn niet toegestaan.",
            answer_en="Use the 'GW-WATERLAND-PRD' gateway and ask the data team to add your source. Personal "
            "gateways are not allowed.",
            link=("data/powerbi/gateway", "On-premises gateway"),
        ),
    ),
    short_nl=("Even checken of de referenties van de dataset nog kloppen.", "Dat regelt het datateam."),
    short_en=("Check whether the dataset credentials are still valid.", "The data team handles that."),
    followup_nl=("Geldt dat ook voor rapporten in Teams?", "Moet ik het rapport daarna opnieuw "
                 "publiceren?"),
    followup_en=("Does that also apply to reports embedded in Teams?", "Do I need to republish the report "
                 "after that?"),
    news_nl=("Het nieuwe dashboard 'Begroting 2027' staat live in de workspace Financiën.", "Donderdag is "
             "er een Power BI-inloopspreekuur van het datateam in de Waterkamer."),
    news_en=("The new 'Budget 2027' dashboard is live in the Finance workspace.", "The data team holds a "
             "Power BI drop-in session in the Waterkamer on Thursday."),
    links=(("data/powerbi/richtlijnen", "Richtlijnen Power BI-rapporten"), ("data/powerbi/catalogus",
           "Catalogus van dashboards")),
)

OPS_SUBJECTS = (DECLARATIES, FACILITAIR, POWER_BI)
