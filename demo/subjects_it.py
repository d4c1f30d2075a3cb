"""IT subjects of the demo organisation: VPN, laptops, phishing and the Teams roll-out."""

from __future__ import annotations

from kennismaker.demo.model import Family, Subject

VPN = Subject(
    name="vpn-toegang",
    families=(
        Family(
            "verbinding-valt-weg",
            nl=(
                "Mijn VPN-verbinding valt steeds weg als ik thuiswerk, weet iemand hoe dat komt?",
                "Heeft iemand ook last van een VPN die elke paar minuten de verbinding verbreekt?",
                "VPN valt bij mij de hele tijd weg sinds gisteren",
                "Waarom verbreekt GlobalProtect steeds de verbinding met het netwerk?",
            ),
            en=(
                "My VPN keeps disconnecting when I work from home, any idea why?",
                "Does anyone else have GlobalProtect dropping the connection every few minutes?",
                "VPN connection keeps dropping since yesterday",
            ),
            answer_nl="Dat komt meestal door een verouderde GlobalProtect-client.\n"
            "1. Open het Software Center en installeer GlobalProtect 6.2 opnieuw.\n"
            "2. Herstart je laptop.\n"
            "3. Valt de VPN nog steeds weg, kies dan de gateway Waterland-Noord.",
            answer_en="That is usually an outdated GlobalProtect client.\n"
            "1. Open Software Center and reinstall GlobalProtect 6.2.\n"
            "2. Reboot your laptop.\n"
            "3. If the VPN still drops, switch to the Waterland-Noord gateway.",
            link=("it/vpn/verbinding-valt-weg", "VPN-verbinding valt weg: oplossingen"),
        ),
        Family(
            "mfa-nieuwe-telefoon",
            nl=(
                "Ik heb een nieuwe telefoon, hoe koppel ik de Authenticator-app opnieuw voor de VPN?",
                "Weet iemand hoe je de MFA voor de VPN overzet naar een nieuwe telefoon?",
                "Kan ik mijn VPN-aanmelding met Authenticator verhuizen naar mijn nieuwe mobiel?",
                "Nieuwe telefoon en nu krijg ik geen MFA-melding meer bij het inloggen op de VPN",
            ),
            en=(
                "Got a new phone, how do I set up the Authenticator app again for the VPN?",
                "How do I move my VPN MFA to a new phone?",
                "No MFA prompt anymore on my new phone when I log in to the VPN",
            ),
            answer_nl="Ga naar mijn.waterland.example/beveiliging, kies 'Aanmeldmethode toevoegen' en scan de "
            "QR-code met de Authenticator-app op je nieuwe telefoon. Verwijder daarna de oude telefoon uit de lijst.",
            answer_en="Go to mijn.waterland.example/beveiliging, choose 'Add sign-in method' and scan the QR code "
            "with the Authenticator app on your new phone. Then remove the old phone from the list.",
            link=("it/vpn/mfa-instellen", "MFA instellen voor VPN en Office 365"),
        ),
        Family(
            "certificaat-verlopen",
            nl=(
                "Ik krijg de melding 'certificaat verlopen' bij het opstarten van de VPN, wat moet ik doen?",
                "Heeft iemand de foutmelding certificaat ongeldig bij GlobalProtect gehad?",
                "VPN zegt dat mijn certificaat verlopen is",
                "Weet iemand hoe ik het VPN-certificaat vernieuw?",
            ),
            en=(
                "I get a 'certificate expired' error when starting the VPN, what should I do?",
                "Anyone seen the invalid certificate error in GlobalProtect?",
                "How do I renew the VPN certificate",
            ),
            answer_nl="Het certificaat wordt automatisch vernieuwd zodra je laptop een keer op kantoor aan het "
            "netwerk hangt. Thuis kun je in het Software Center 'VPN-certificaat vernieuwen' starten en daarna "
            "opnieuw verbinden.",
            answer_en="The certificate renews automatically once your laptop is on the office network. At home, "
            "run 'Renew VPN certificate' from Software Center and connect again.",
            link=("it/vpn/certificaat", "VPN-certificaat vernieuwen"),
        ),
        Family(
            "prive-apparaat",
            nl=(
                "Mag ik de VPN ook op mijn privé-laptop installeren?",
                "Kan ik met mijn eigen computer via de VPN bij de netwerkschijven?",
                "Weet iemand of VPN-toegang op een privé-apparaat is toegestaan",
                "Is er een manier om zonder werklaptop op het netwerk te komen?",
            ),
            en=(
                "Am I allowed to install the VPN on my personal laptop?",
                "Can I reach the network drives through the VPN from my own computer?",
                "Is VPN access allowed on a private device",
            ),
            answer_nl="Nee, de VPN werkt alleen op beheerde werkplekken. Vanaf een privé-apparaat log je via de "
            "browser in op werkplek.waterland.example (Citrix), daar heb je ook je netwerkschijven.",
            answer_en="No, the VPN only works on managed devices. From a private device you can log in to "
            "werkplek.waterland.example (Citrix) in the browser; your network drives are there too.",
            link=("it/vpn/thuiswerken-prive", "Thuiswerken met een privé-apparaat"),
        ),
    ),
    short_nl=("Even GlobalProtect herstarten, dan doet de VPN het meestal weer.", "Log een keer uit en in, "
              "dan wordt je VPN-token ververst."),
    short_en=("Restart GlobalProtect, the VPN usually comes back after that.", "Sign out and in once, that "
              "refreshes your VPN token."),
    followup_nl=("Moet ik daarvoor op kantoor zijn of kan het ook thuis via de VPN?", "Geldt dat ook voor "
                 "de nieuwe GlobalProtect-versie?"),
    followup_en=("Do I need to be in the office for that or does it work over the VPN?", "Does that also "
                 "apply to the new GlobalProtect version?"),
    news_nl=("Let op: vanavond tussen 19:00 en 21:00 onderhoud aan de VPN-gateways, de verbinding kan even "
             "wegvallen.", "De storing aan de VPN is verholpen, GlobalProtect werkt weer normaal."),
    news_en=("Heads-up: VPN gateway maintenance tonight between 19:00 and 21:00, connections may drop.",
             "The VPN outage has been resolved, GlobalProtect is working normally again."),
    links=(("it/vpn/handleiding", "Handleiding VPN thuiswerken"), ("it/vpn/storingen", "Actuele VPN-storingen")),
)

LAPTOP = Subject(
    name="laptop-hardware",
    families=(
        Family(
            "tweede-scherm-docking",
            nl=(
                "Mijn tweede beeldscherm doet het niet via het docking station, iemand een idee?",
                "Heeft iemand ervaring met een docking station dat het externe scherm niet herkent?",
                "Beeldscherm blijft zwart als ik mijn laptop in de dock zet",
                "Weet iemand waarom mijn ThinkPad geen beeld geeft op het tweede scherm?",
            ),
            en=(
                "My second monitor doesn't work through the docking station, any ideas?",
                "Anyone know why the dock won't detect my external screen?",
                "Monitor stays black when I put my laptop in the dock",
            ),
            answer_nl="Werk de firmware van het docking station bij via Lenovo Vantage en zet de laptop een keer "
            "helemaal uit. Controleer ook of de USB-C-kabel in de poort met het schermpje zit.",
            answer_en="Update the docking station firmware through Lenovo Vantage and shut the laptop down "
            "completely once. Also check that the USB-C cable is in the port with the display icon.",
            link=("it/hardware/docking-station", "Docking station en beeldschermen"),
        ),
        Family(
            "accu-snel-leeg",
            nl=(
                "De accu van mijn laptop is binnen een uur leeg, is dat bekend?",
                "Heeft iemand ook een laptop waarvan de batterij heel snel leegloopt?",
                "Mijn laptopaccu is opgezwollen, bij wie moet ik zijn?",
                "Kan ik een nieuwe accu aanvragen voor mijn laptop?",
            ),
            en=(
                "My laptop battery is empty within an hour, is that a known issue?",
                "Where can I get a replacement battery for my laptop?",
                "My laptop battery looks swollen, who should I contact",
            ),
            answer_nl="Meld het als hardwarestoring in het selfserviceportaal. Een opgezwollen accu meteen niet "
            "meer gebruiken; de servicedesk ruilt de laptop dan binnen twee werkdagen om.",
            answer_en="Report it as a hardware fault in the self-service portal. Stop using a swollen battery "
            "right away; the service desk swaps the laptop within two working days.",
            link=("it/hardware/accu", "Accu en voeding van je laptop"),
        ),
        Family(
            "laptop-vervangen",
            nl=(
                "Wanneer wordt mijn laptop vervangen? Hij is al vijf jaar oud en erg traag",
                "Weet iemand hoe de vervangingsronde van laptops werkt?",
                "Kan ik een nieuwe laptop aanvragen als de oude te traag is?",
                "Hoe lang gaat een werklaptop bij ons eigenlijk mee?",
            ),
            en=(
                "When will my laptop be replaced? It's five years old and really slow",
                "How does the laptop replacement round work?",
                "Can I request a new laptop if mine is too slow?",
            ),
            answer_nl="Laptops worden na vier jaar vervangen in de vervangingsronde; je krijgt vanzelf een "
            "uitnodiging om een afspraak te plannen. Eerder vervangen kan alleen met akkoord van je leidinggevende.",
            answer_en="Laptops are replaced after four years in the replacement round; you get an invitation "
            "to book a slot. Earlier replacement needs your manager's approval.",
            link=("it/hardware/vervangingsronde", "Vervangingsronde laptops"),
        ),
        Family(
            "headset-bestellen",
            nl=(
                "Waar kan ik een nieuwe headset bestellen?",
                "Heeft iemand een tip voor het aanvragen van een draadloze muis en toetsenbord?",
                "Mijn headset is kapot, hoe kom ik aan een nieuwe",
                "Kan ik zelf een headset kopen en declareren?",
            ),
            en=(
                "Where can I order a new headset?",
                "How do I request a wireless mouse and keyboard?",
                "My headset broke, how do I get a new one",
            ),
            answer_nl="Headsets, muizen en toetsenborden bestel je in de webshop van de servicedesk onder "
            "'Randapparatuur'. Zelf kopen en declareren is niet de bedoeling.",
            answer_en="Order headsets, mice and keyboards in the service desk web shop under 'Peripherals'. "
            "Buying one yourself and claiming it is not allowed.",
            link=("it/hardware/randapparatuur", "Randapparatuur bestellen"),
        ),
    ),
    short_nl=("Even de laptop volledig uitzetten en de dock loskoppelen, dat helpt vaak.", "Dat loopt via "
              "de webshop van de servicedesk."),
    short_en=("Shut the laptop down fully and unplug the dock, that often helps.", "That goes through the "
              "service desk web shop."),
    followup_nl=("Geldt dat ook voor de oudere ThinkPads?", "Moet ik de oude laptop dan inleveren?"),
    followup_en=("Does that also apply to the older ThinkPads?", "Do I have to hand in the old laptop?"),
    news_nl=("De vervangingsronde voor laptops op de tweede verdieping start maandag.", "Nieuwe docking "
             "stations zijn geplaatst op alle flexplekken in de oostvleugel."),
    news_en=("The laptop replacement round for the second floor starts on Monday.", "New docking stations "
             "have been installed at all flex desks in the east wing."),
    links=(("it/hardware/overzicht", "Overzicht standaard hardware"), ("it/hardware/webshop", "Webshop "
           "randapparatuur")),
)

PHISHING = Subject(
    name="phishing-security",
    families=(
        Family(
            "verdachte-mail-melden",
            nl=(
                "Ik heb een verdachte mail ontvangen, hoe meld ik die?",
                "Weet iemand waar je phishingmails moet melden?",
                "Rare mail gekregen over mijn wachtwoord, is dat phishing?",
                "Heeft iemand ook die mail van 'IT-support' met een link naar een inlogpagina gekregen?",
            ),
            en=(
                "I received a suspicious email, how do I report it?",
                "Where should we report phishing emails?",
                "Got a weird email about my password, is this phishing",
            ),
            answer_nl="Gebruik de knop 'Phishing melden' in Outlook, dan gaat de mail naar het securityteam en "
            "verdwijnt hij uit je inbox. Niet op links klikken en geen bijlagen openen.",
            answer_en="Use the 'Report phishing' button in Outlook; the email goes to the security team and is "
            "removed from your inbox. Don't click links or open attachments.",
            link=("it/security/phishing-melden", "Phishing herkennen en melden"),
        ),
        Family(
            "op-link-geklikt",
            nl=(
                "Ik heb per ongeluk op een link in een phishingmail geklikt, wat nu?",
                "Help, ik heb mijn wachtwoord ingevuld op een nepsite. Wat moet ik doen?",
                "Wat moet je doen als je op een verdachte link hebt geklikt",
                "Kan iemand me helpen? Ik denk dat ik in een phishingmail ben getrapt",
            ),
            en=(
                "I accidentally clicked a link in a phishing email, what now?",
                "Help, I entered my password on a fake site. What should I do?",
                "What do you do after clicking a suspicious link",
            ),
            answer_nl="Wijzig direct je wachtwoord via mijn.waterland.example en bel de servicedesk op 020-5550100 "
            "zodat het securityteam je sessies kan intrekken. Melden is nooit erg, juist goed.",
            answer_en="Change your password right away via mijn.waterland.example and call the service desk on "
            "020-5550100 so the security team can revoke your sessions. Reporting it is always the right call.",
            link=("it/security/geklikt", "Op een phishinglink geklikt? Dit moet je doen"),
        ),
        Family(
            "wachtwoord-wijzigen",
            nl=(
                "Mijn wachtwoord verloopt over drie dagen, hoe wijzig ik het?",
                "Weet iemand hoe je je wachtwoord wijzigt als je thuiswerkt?",
                "Hoe reset ik mijn wachtwoord als ik het vergeten ben",
                "Kan ik mijn wachtwoord zelf resetten of moet dat via de servicedesk?",
            ),
            en=(
                "My password expires in three days, how do I change it?",
                "How do you change your password when working from home?",
                "How do I reset my password if I forgot it",
            ),
            answer_nl="Via mijn.waterland.example/wachtwoord kun je het zelf wijzigen of resetten met je "
            "MFA-app. Kies minimaal 14 tekens; een wachtzin werkt het best.",
            answer_en="You can change or reset it yourself at mijn.waterland.example/wachtwoord using your MFA "
            "app. Use at least 14 characters; a passphrase works best.",
            link=("it/security/wachtwoordbeleid", "Wachtwoordbeleid en zelf resetten"),
        ),
        Family(
            "usb-stick",
            nl=(
                "Mag ik een USB-stick gebruiken om bestanden mee te nemen?",
                "Waarom wordt mijn USB-stick geblokkeerd op mijn laptop?",
                "Weet iemand of er versleutelde USB-sticks te krijgen zijn",
                "Heeft iemand een manier om grote bestanden veilig naar een externe partij te sturen?",
            ),
            en=(
                "Am I allowed to use a USB stick to take files with me?",
                "Why is my USB stick blocked on my laptop?",
                "What is the safe way to send large files to an external party",
            ),
            answer_nl="Gewone USB-sticks zijn geblokkeerd. Gebruik OneDrive of het beveiligde bestandsportaal "
            "voor externe partijen; versleutelde sticks kun je via de servicedesk aanvragen.",
            answer_en="Regular USB sticks are blocked. Use OneDrive or the secure file portal for external "
            "parties; encrypted sticks can be requested from the service desk.",
            link=("it/security/bestanden-delen", "Veilig bestanden delen"),
        ),
    ),
    short_nl=("Gewoon melden met de phishingknop in Outlook.", "Niet klikken, doorsturen naar "
              "security@waterland.example."),
    short_en=("Just report it with the phishing button in Outlook.", "Don't click, forward it to "
              "security@waterland.example."),
    followup_nl=("Moet ik de mail daarna zelf nog verwijderen?", "Geldt dat ook voor berichten via Teams?"),
    followup_en=("Should I delete the email myself afterwards?", "Does that also apply to messages in Teams?"),
    news_nl=("Er gaat een phishingmail rond met als onderwerp 'Uw salarisstrook staat klaar'. Niet openen en "
             "melden!", "Volgende week start de security awareness training, iedereen krijgt een uitnodiging."),
    news_en=("A phishing email with the subject 'Your payslip is ready' is going around. Don't open it, "
             "report it!", "Security awareness training starts next week, everyone will get an invitation."),
    links=(("it/security/awareness", "Security awareness: zo herken je phishing"), ("it/security/beleid",
           "Informatiebeveiligingsbeleid")),
)

TEAMS = Subject(
    name="teams-migratie",
    families=(
        Family(
            "bestanden-naar-onedrive",
            nl=(
                "Hoe zet ik mijn bestanden van de H-schijf over naar OneDrive?",
                "Weet iemand of de H-schijf automatisch wordt gemigreerd naar OneDrive?",
                "Moet ik mijn persoonlijke map zelf overzetten voor de migratie",
                "Kan ik mijn netwerkschijf gewoon naar OneDrive slepen?",
            ),
            en=(
                "How do I move my files from the H drive to OneDrive?",
                "Is the H drive migrated to OneDrive automatically?",
                "Do I have to move my personal folder myself before the migration",
            ),
            answer_nl="De H-schijf wordt automatisch gemigreerd in het weekend voor jouw migratiedatum. Daarna "
            "vind je alles in OneDrive onder 'Gemigreerd van H'. Zelf slepen is niet nodig.",
            answer_en="The H drive is migrated automatically the weekend before your migration date. After "
            "that everything is in OneDrive under 'Migrated from H'. No need to drag files yourself.",
            link=("m365/migratie/onedrive", "Van H-schijf naar OneDrive"),
        ),
        Family(
            "team-aanmaken",
            nl=(
                "Wie mag een nieuw Team of kanaal aanmaken voor ons project?",
                "Hoe vraag ik een Teams-omgeving aan voor een projectgroep?",
                "Kan ik zelf een team aanmaken in Microsoft Teams",
                "Heeft iemand het aanvraagformulier voor een nieuw Team?",
            ),
            en=(
                "Who can create a new Team or channel for our project?",
                "How do I request a Teams workspace for a project group?",
                "Can I create a team in Microsoft Teams myself",
            ),
            answer_nl="Een nieuw Team vraag je aan via het formulier 'Teams-aanvraag' in het selfserviceportaal; "
            "je wordt zelf eigenaar. Kanalen binnen een bestaand Team kan iedere eigenaar aanmaken.",
            answer_en="Request a new Team with the 'Teams request' form in the self-service portal; you become "
            "the owner. Any owner can add channels inside an existing Team.",
            link=("m365/teams/team-aanvragen", "Een Team aanvragen"),
        ),
        Family(
            "migratie-planning",
            nl=(
                "Wanneer wordt onze afdeling gemigreerd naar Teams?",
                "Weet iemand al de migratiedatum voor Burgerzaken?",
                "Is er een planning van de uitrol van Teams per afdeling",
                "Hoe lang kunnen we Skype nog gebruiken?",
            ),
            en=(
                "When is our department being migrated to Teams?",
                "Does anyone know the migration date for Public Services?",
                "Is there a roll-out schedule for Teams per department",
            ),
            answer_nl="De uitrolplanning per afdeling staat op het intranet. Skype for Business wordt op 30 "
            "november uitgezet; tot die tijd werken beide naast elkaar.",
            answer_en="The roll-out schedule per department is on the intranet. Skype for Business is switched "
            "off on 30 November; until then both run side by side.",
            link=("m365/migratie/planning", "Uitrolplanning Teams per afdeling"),
        ),
        Family(
            "externe-gasten",
            nl=(
                "Kan ik externe partijen uitnodigen in een Teams-kanaal?",
                "Weet iemand hoe je een gastaccount toevoegt aan ons Team?",
                "Mag een leverancier meedoen in ons projectteam in Teams",
                "Waarom kan ik geen externe mensen toevoegen aan mijn Team?",
            ),
            en=(
                "Can I invite external parties to a Teams channel?",
                "How do you add a guest account to our Team?",
                "Why can't I add external people to my Team?",
            ),
            answer_nl="Gasten toevoegen kan alleen in Teams met het label 'Extern delen'. Vraag het label aan "
            "via de servicedesk; daarna kan de eigenaar gasten uitnodigen op e-mailadres.",
            answer_en="Guests can only be added to Teams with the 'External sharing' label. Request the label "
            "from the service desk; then the owner can invite guests by email address.",
            link=("m365/teams/gasten", "Externe gasten in Teams"),
        ),
    ),
    short_nl=("Dat staat in de uitrolplanning op het intranet.", "Vraag het even na bij de Teams-ambassadeur "
              "van je afdeling."),
    short_en=("That's in the roll-out schedule on the intranet.", "Ask the Teams champion in your "
              "department."),
    followup_nl=("Blijven de oude Skype-gesprekken bewaard?", "Geldt dat ook voor gedeelde mappen op de "
                 "S-schijf?"),
    followup_en=("Will the old Skype chats be kept?", "Does that also apply to shared folders on the S "
                 "drive?"),
    news_nl=("Deze week worden Burgerzaken en Publiekszaken gemigreerd naar Teams en OneDrive.", "Er zijn "
             "nog plekken vrij in de Teams-training van donderdag, meld je aan via de academie."),
    news_en=("This week Public Services and Customer Affairs are migrated to Teams and OneDrive.", "There "
             "are still seats in Thursday's Teams training, sign up through the academy."),
    links=(("m365/migratie/faq", "Veelgestelde vragen migratie naar Teams"), ("m365/training",
           "Trainingen Microsoft 365")),
)

IT_SUBJECTS = (VPN, LAPTOP, PHISHING, TEAMS)
