//! Saved web pages through `claimdesk::import`: each page in `tests/fixtures/pages/` (hand-made in
//! the style of real news sites, with their chrome) gives exactly its article's blocks, one per
//! line, none of its chrome, and exactly the metadata it states. Bad input (not a page, no
//! article, too big, broken encodings and archives, hostile nesting, random bytes) gives a
//! clear error, never a panic.

use claimdesk::import::{PageMeta, decode, html, mhtml};
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/pages/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

struct Meta {
    title: &'static str,
    byline: &'static str,
    outlet: &'static str,
    url: &'static str,
    published: &'static str,
    language: &'static str,
}

struct Page {
    file: &'static str,
    /// The URL the page was fetched from, if the test gives one.
    base: Option<&'static str>,
    meta: Meta,
    /// Every block of the article, in order: the whole text.
    blocks: &'static [&'static str],
    /// Chrome the page holds that must not show up anywhere in the text.
    junk: &'static [&'static str],
}

const PAGES: &[Page] = &[
    Page {
        // A wire story: OneTrust cookie banner, mega menu, share bar, captions, an inline related list, "Most read", related promos, footer; JSON-LD with two authors; the "saved from" note Chrome writes.
        file: "wire-story.html",
        base: None,
        meta: Meta {
            title: "Ukraine resumes grain shipments from Odesa despite drone attacks",
            byline: "Hanna Arhirova, Samya Kullab",
            outlet: "The Associated Press",
            url: "https://apnews.example/article/ukraine-grain-odesa-port-ships-3f2a9c1e7b5d",
            published: "2023-08-16",
            language: "en",
        },
        blocks: &[
            "KYIV, Ukraine (AP) — A container ship that had been stuck in Odesa since Russia’s full-scale invasion left the Black Sea port on Wednesday, the first vessel to use a temporary shipping corridor that Ukraine set up after Moscow pulled out of a wartime grain deal.",
            "The Hong Kong-flagged Joseph Schulte, carrying more than 30,000 tons of cargo, including food products, was heading toward the Bosporus Strait, Ukrainian Deputy Prime Minister Oleksandr Kubrakov said on Facebook. He called the departure “an important step towards restoring shipping in the Black Sea.”",
            "The corridor would be used mostly to evacuate ships that have been trapped in Ukrainian ports since February 2022, Kubrakov said. Russia had not commented on the voyage by Wednesday evening.",
            "Moscow broke off the deal brokered by the United Nations and Turkey last month, saying its own exports of food and fertilizer were being held back. The agreement had allowed Ukraine to ship nearly 33 million metric tons of grain and other food over the year it was in force.",
            "Since then, Russian forces have repeatedly struck port infrastructure in the Odesa region and on the Danube River. Overnight into Wednesday, air defenses shot down 13 of 15 drones launched toward the region, the Ukrainian air force said.",
            "“The enemy is trying to make the route unsafe for anyone,” regional governor Oleh Kiper told reporters. “We will keep the ports working.”",
            "Analysts say shipowners remain wary. War-risk insurance for the Black Sea has risen sharply since July, and several large grain traders said they would wait to see whether the corridor held before sending vessels.",
            "Elsewhere, Ukraine’s military said its forces had retaken the village of Urozhaine in the Donetsk region, part of a slow counteroffensive in the south and east.",
            "Kullab reported from Kyiv. Associated Press writer Susie Blann in Kyiv contributed to this report.",
            "Follow AP’s coverage of the war in Ukraine at https://apnews.example/hub/russia-ukraine",
        ],
        junk: &[
            "We value your privacy",
            "Accept All Cookies",
            "Skip to main content",
            "World News",
            "Trending News",
            "ADVERTISEMENT",
            "HANNA ARHIROVA",
            "Updated 6:22 PM",
            "Share",
            "Copy link",
            "Print",
            "AP Photo",
            "Firefighters work",
            "RELATED COVERAGE",
            "Russia pulls out of the Black Sea grain deal",
            "Topics:",
            "Most Read",
            "Maui wildfire",
            "More from AP News",
            "Zelenskyy says Ukraine will build",
            "Copyright 2023",
            "Cookie Settings",
            "___",
            "not article text",
        ],
    },
    Page {
        // A German outlet in windows-1252 (declared as iso-8859-1, with „quotes“ and soft hyphens): consent box, ad label, byline and date lines, captions with credits, "Lesen Sie auch", a newsletter form, comments, sidebar; meta tags only.
        file: "german-windows-1252.html",
        base: None,
        meta: Meta {
            title: "Bundestag beschließt Haushalt 2024 nach monatelangem Streit",
            byline: "Anna Müller, Jonas Becker",
            outlet: "Tagesblatt",
            url: "https://www.tagesblatt.example/politik/deutschland/bundestag-haushalt-2024-beschlossen-a-7f3e2d.html",
            published: "2024-02-02",
            language: "de",
        },
        blocks: &[
            "Nach monatelangem Streit hat der Bundestag den Haushalt für 2024 verabschiedet. Die Union spricht von „Haushaltstricks“ und kündigt eine Klage an.",
            "Der Bundestag hat am Freitag den Bundeshaushalt für das laufende Jahr beschlossen. Für den Etat von Finanzminister Christian Lindner (FDP) stimmten 384 Abgeordnete, 299 votierten dagegen, es gab eine Enthaltung. Der Haushalt sieht Ausgaben von rund 476,8 Milliarden Euro vor.",
            "Die Verabschiedung hatte sich verzögert, nachdem das Bundesverfassungsgericht im November die Umwidmung von 60 Milliarden Euro an Kreditermächtigungen für nichtig erklärt hatte. Die Ampel-Koalition musste daraufhin eine Lücke von 17 Milliarden Euro schließen.",
            "Schuldenbremse wird eingehalten",
            "Lindner betonte in der Debatte, die Schuldenbremse werde in diesem Jahr wieder eingehalten. Die Neuverschuldung liegt bei 39 Milliarden Euro. „Wir kehren zur finanzpolitischen Normalität zurück“, sagte der FDP-Chef.",
            "Die wichtigsten Punkte des Haushalts im Überblick:",
            "Das Bürgergeld steigt zum 1. Januar um 12 Prozent.",
            "Die Subventionen für Agrardiesel werden schrittweise bis 2026 abgebaut.",
            "Für die Ukraine sind Militärhilfen von 7,1 Milliarden Euro eingeplant.",
            "Union kündigt Klage an",
            "Die Opposition hält den Haushalt weiterhin für verfassungswidrig. Unionsfraktionsvize Mathias Middelberg sagte:",
            "„Dieser Haushalt löst kein einziges Problem, er verschiebt sie nur ins nächste Jahr.“",
            "CDU und CSU prüfen eine erneute Klage in Karlsruhe. Eine Entscheidung darüber soll nach Angaben aus Fraktionskreisen bis Ende März fallen.",
            "mit Material von dpa und Reuters",
        ],
        junk: &[
            "Wir verwenden Cookies",
            "Zustimmen",
            "Startseite",
            "Anzeige",
            "Von Anna Müller",
            "02.02.2024",
            "Teilen",
            "Drucken",
            "Foto:",
            "Abgeordnete bei der Abstimmung",
            "Lesen Sie auch",
            "Was Ökonomen jetzt fordern",
            "Tagesblatt-Morgen",
            "Postfach",
            "Themen:",
            "Kommentare",
            "Leser123",
            "Meistgelesen",
            "Bahnstreik",
            "Impressum",
            "Alle Rechte",
        ],
    },
    Page {
        // A Ukrainian page in windows-1251 (`<meta charset>`): no JSON-LD and no canonical link, so the URL is where it came from; the date only in a `<time>`.
        file: "ukrainian-windows-1251.html",
        base: Some("https://www.pravda.example/news/2024/04/16/7451234/"),
        meta: Meta {
            title: "Зеленський підписав закон про мобілізацію",
            byline: "Олена Роща",
            outlet: "Народна правда",
            url: "https://www.pravda.example/news/2024/04/16/7451234/",
            published: "2024-04-16",
            language: "uk",
        },
        blocks: &[
            "Президент Володимир Зеленський підписав закон про вдосконалення окремих питань мобілізації, військового обліку та проходження служби.",
            "Про це свідчить картка законопроєкту № 10449 на сайті Верховної Ради. Закон набуде чинності через місяць після опублікування.",
            "Документ знижує вік, з якого громадян можуть мобілізувати, з 27 до 25 років. Окремий закон про це Зеленський підписав раніше, 2 квітня.",
            "Серед основних змін, які передбачає закон:",
            "військовозобов'язані мають оновити свої дані протягом 60 днів;",
            "повістку можна буде надіслати через електронний кабінет;",
            "з'являється право на відстрочку для батьків дітей з інвалідністю.",
            "Водночас із закону вилучили норму про демобілізацію після 36 місяців служби. Міністерство оборони пообіцяло підготувати окремий законопроєкт про ротацію.",
            "«Ми розуміємо, що люди чекають на чіткі строки служби, і ми їх дамо», — заявив ґенерал Олександр Павлюк.",
            "Нагадаємо, Верховна Рада ухвалила закон 11 квітня: за нього проголосували 283 народні депутати.",
        ],
        junk: &[
            "Вівторок",
            "Новини",
            "Реклама",
            "16 квітня 2024, 10:35",
            "Автор",
            "Поділитися",
            "Читайте також",
            "в другому читанні",
            "Новини по темі",
            "Міноборони",
            "Стрічка новин",
            "шахедів",
            "Про нас",
            "©",
        ],
    },
    Page {
        // WordPress with Yoast's JSON-LD `@graph` (author and publisher by `@id`), a relative canonical link, Jetpack share and related boxes, comments, widgets.
        file: "wordpress-graph.html",
        base: Some(
            "https://harbourtimes.example/2024/03/05/council-approves-harbour-wall-repairs/?utm_source=x",
        ),
        meta: Meta {
            title: "Council approves £12m harbour wall repairs after winter storms",
            byline: "Priya Natarajan, Tom O'Neill",
            outlet: "Harbour Times Media Ltd",
            url: "https://harbourtimes.example/2024/03/05/council-approves-harbour-wall-repairs/",
            published: "2024-03-05",
            language: "en",
        },
        blocks: &[
            "Repairs to the storm-damaged harbour wall will go ahead this summer after councillors approved £12 million of funding on Monday night.",
            "The east quay wall was breached in two places during Storm Ciarán in November and again in January, flooding six businesses on Quay Street. Engineers warned that a third breach could undermine the road behind it.",
            "Councillors voted 31 to 9 in favour of the scheme, which will be paid for from reserves and a £4.5 million grant from the Environment Agency.",
            "Council leader Margaret Holt said: “We cannot keep patching this wall every winter. This is the permanent fix that residents and traders have been asking for.”",
            "East quay to close",
            "The work will close the east quay to vehicles from May until the end of September. Fishing boats will use the west pontoons during that time, the harbour master confirmed.",
            "Opposition councillor Dev Patel said the closure would hit tourism in the busiest months. “Nobody is against fixing the wall, but starting in May is the worst possible timing,” he said.",
            "A public drop-in session about the work will be held at the harbour office on 14 March.",
        ],
        junk: &[
            "Skip to content",
            "News from the harbour towns",
            "What's On",
            "Posted on",
            "5 March 2024",
            "by Priya",
            "Flood water on Quay Street",
            "Picture:",
            "Related",
            "count the cost",
            "Share this",
            "Facebook",
            "harbour wall breached",
            "Posted in",
            "Tagged",
            "Lifeboat crew",
            "thoughts on",
            "About time too",
            "Leave a Reply",
            "Recent Posts",
            "Advertise with us",
            "Proudly powered",
        ],
    },
    Page {
        // A liveblog, list-heavy: summary bullets beside the headline, entries with ordered and unordered lists, quotes, key-event links, per-entry share buttons and times.
        file: "liveblog.html",
        base: None,
        meta: Meta {
            title: "Ukraine war live: Zelenskyy says air defences ‘saved hundreds of lives’ overnight; EU agrees new sanctions",
            byline: "Martin Belam",
            outlet: "The Meridian",
            url: "https://www.meridian.example/world/live/2024/jun/24/ukraine-war-live-zelenskyy-air-defence-eu-sanctions",
            published: "2024-06-24",
            language: "en",
        },
        blocks: &[
            "Zelenskyy says Ukraine shot down 37 of 47 missiles and drones launched overnight",
            "EU agrees 14th sanctions package, targeting Russia’s liquefied natural gas for the first time",
            "Russia says it will respond to a Ukrainian strike on occupied Crimea that killed four people",
            "EU agrees 14th package of sanctions",
            "EU foreign ministers have formally adopted a 14th package of sanctions against Russia, which for the first time targets Russia’s lucrative liquefied natural gas (LNG) sector.",
            "The package bans the re-export of Russian LNG through EU ports, although imports for use inside the bloc will continue. It also adds 116 people and entities to the sanctions list.",
            "The main measures in the package are:",
            "A ban on transhipment of Russian LNG in EU ports, after a nine-month transition period.",
            "A ban on new investments in LNG projects under construction in Russia, such as Arctic LNG 2 and Murmansk LNG.",
            "Restrictions on 27 ships of Russia’s “shadow fleet” used to get around the oil price cap.",
            "These are hard-hitting measures that will further deny Russia access to key technologies.",
            "The EU’s foreign policy chief, Josep Borrell, said the package would “squeeze Russia’s ability to fund its war”.",
            "Russia vows response to Crimea strike",
            "Russia’s foreign ministry has summoned the US ambassador, Lynne Tracy, over Sunday’s Ukrainian missile strike on Sevastopol, which Moscow says was carried out with US-supplied ATACMS missiles.",
            "Kremlin spokesperson Dmitry Peskov said: “The involvement of the United States in the fighting, which results in the deaths of Russian civilians, cannot go without consequences.”",
            "Ukraine’s military has not commented on the strike. Ukrainian officials have previously said that Crimea, which Russia annexed in 2014, is a legitimate military target.",
            "Opening summary",
            "Welcome back to our live coverage of the war in Ukraine. Here are the latest developments:",
            "Ukraine’s air force said it destroyed 37 of 47 missiles and drones launched by Russia overnight, including all 28 Shahed drones.",
            "President Volodymyr Zelenskyy said air defences had “saved hundreds of lives” and renewed calls for more Patriot systems.",
            "Four people, including two children, were killed and 151 injured in Sevastopol, according to the Russian-installed governor, Mikhail Razvozhayev.",
            "Hungary’s prime minister, Viktor Orbán, said he would not block the EU’s new sanctions package.",
        ],
        junk: &[
            "Yes, I’m happy",
            "Support the Meridian",
            "Key events",
            "1h ago",
            "Show key events only",
            "Share",
            "10.31 BST",
            "Updated at 10.52",
            "Advertisement",
            "People at a beach",
            "Photograph: Reuters",
            "Older",
            "More on this story",
            "Russia blames US",
            "Most viewed",
            "Heatwave",
            "About us",
            "All rights reserved",
            "Martin Belam",
        ],
    },
    Page {
        // Everything at once: Didomi consent dialog, paywall meter, share bar, captions, pull quote, "READ MORE", newsletter box, related list, author bio, Taboola, more stories, footer; JSON-LD in an array.
        file: "local-news-clutter.html",
        base: None,
        meta: Meta {
            title: "Riverside water rates to rise 18% over two years after council vote",
            byline: "Dana Whitfield, Luis Ortega",
            outlet: "Riverside Ledger",
            url: "https://www.riversideledger.example/news/local/2025/01/14/riverside-water-rates-rise-council-vote/77665544/",
            published: "2025-01-14",
            language: "en",
        },
        blocks: &[
            "Riverside residents will pay 18% more for water by 2027 after the City Council voted 5-2 on Tuesday night to approve a two-year rate increase.",
            "The average household bill will rise from $54 to $58.50 a month in March and to $63.70 in January 2026, according to figures presented by the utilities department.",
            "City officials said the increase will pay for a $96 million treatment plant that state regulators ordered Riverside to build after the old plant repeatedly exceeded limits for lead and nitrates.",
            "“Nobody on this council wanted to vote for a rate increase,” said Mayor Carla Jimenez, who voted in favor. “But the alternative is fines of $25,000 a day and water that doesn't meet the standard.”",
            "Council members Ray Dubois and Anita Shah voted against the plan. Dubois said the city should have applied for more federal infrastructure money before raising rates.",
            "Help for low-income households",
            "The plan includes a discount of up to 30% for households enrolled in the state's energy assistance program. About 3,400 households qualify, according to the city.",
            "Residents can apply for the discount:",
            "online through the city's utility portal;",
            "by phone at the customer service center;",
            "in person at City Hall, 200 Main St.",
            "Construction of the new plant is scheduled to start in the fall and take about three years.",
            "Correction: An earlier version of this story misstated the monthly bill for 2026. It is $63.70.",
        ],
        junk: &[
            "Your privacy matters",
            "Agree and close",
            "E-Edition",
            "Sign In",
            "Advertisement",
            "free articles remaining",
            "Dana Whitfield and",
            "Published 11:30",
            "Facebook",
            "12 Comments",
            "on River Road was built",
            "Story continues below",
            "READ MORE",
            "lead pipes in 1,200",
            "Get the Morning Brief",
            "morning newsletter",
            "Related stories",
            "State fines Riverside",
            "Topics:",
            "covers City Hall",
            "Recommended for you",
            "Doctors stunned",
            "Sponsored",
            "More Stories",
            "robotics",
            "Contact Us",
            "All rights reserved",
        ],
    },
    Page {
        // A UTF-8 page with a BOM whose `<meta charset>` lies (iso-8859-1), CRLF line ends, entities and non-breaking spaces.
        file: "french-bom.html",
        base: None,
        meta: Meta {
            title: "Loi sur l’eau : le Parlement adopte la réforme des redevances",
            byline: "Claire Dubois",
            outlet: "L'Écho du Rhône",
            url: "https://www.echodurhone.example/politique/article/2024/06/10/loi-sur-l-eau-le-parlement-adopte-la-reforme_6239871_823448.html",
            published: "2024-06-10",
            language: "fr",
        },
        blocks: &[
            "Le texte, voté définitivement lundi, modifie le calcul des redevances payées par les agriculteurs et les industriels aux agences de l’eau.",
            "Après plusieurs mois de navette, le Parlement a définitivement adopté, lundi 10 juin, la réforme des redevances de l’eau. Le Sénat a voté le texte par 221 voix contre 98.",
            "La réforme remplace l’ancienne redevance pour « pollution diffuse » par une contribution calculée sur les volumes prélevés. Les industriels paieront 0,12 euro par mètre cube au-delà de 10 000 mètres cubes par an.",
            "Les agriculteurs inquiets",
            "La FNSEA a dénoncé une « taxe déguisée ». Selon le syndicat, le coût pour une exploitation moyenne atteindrait 1 300 euros par an & davantage dans le Sud-Est.",
            "Le ministre de la Transition écologique a assuré que 80 % des recettes seraient reversées aux territoires sous forme d’aides à l’irrigation économe.",
        ],
        junk: &[
            "Nous utilisons des cookies",
            "Accepter",
            "Politique",
            "Par Claire",
            "Publié le",
            "Lire aussi",
            "Sécheresse",
            "Réactions",
            "abonné",
            "Tous droits",
            "Mentions légales",
        ],
    },
    Page {
        // Chrome's MHTML: quoted-printable HTML, a CSS part and a base64 image part; a subtitle `<h2>` right after the headline.
        file: "spanish-chrome.mhtml",
        base: None,
        meta: Meta {
            title: "El Gobierno aprueba el plan contra la sequía con 2.200 millones para Cataluña y Andalucía",
            byline: "Lucía Fernández",
            outlet: "Diario del Sur",
            url: "https://diariodelsur.example/espana/2024-05-20/el-gobierno-aprueba-el-plan-contra-la-sequia.html",
            published: "2024-05-20",
            language: "es",
        },
        blocks: &[
            "Las obras incluyen dos desaladoras y la reutilización de aguas depuradas en 14 municipios",
            "El Consejo de Ministros ha aprobado este lunes un real decreto con medidas urgentes contra la sequía que movilizará 2.200 millones de euros hasta 2027, la mayor parte destinada a Cataluña y Andalucía.",
            "El plan prevé la construcción de dos nuevas desaladoras, en Tordera (Barcelona) y en la costa de Málaga, y la ampliación de la red para reutilizar aguas depuradas en 14 municipios, según ha explicado la vicepresidenta tercera, Teresa Ribera.",
            "«No podemos esperar a que llueva», ha dicho Ribera en la rueda de prensa posterior al Consejo. «Cada euro invertido ahora evita restricciones mucho más caras dentro de dos años».",
            "Restricciones en 200 municipios",
            "Más de 200 municipios catalanes mantienen restricciones al consumo de agua desde febrero. El Govern calcula que las nuevas infraestructuras aportarán 80 hectómetros cúbicos al año cuando estén en funcionamiento.",
            "Las organizaciones agrarias, sin embargo, han criticado que el plan no incluya ayudas directas a los regantes, que han visto reducida su dotación de agua en un 40%.",
        ],
        junk: &[
            "Utilizamos cookies",
            "Aceptar",
            "Internacional",
            "Compartir",
            "20 may 2024",
            "imagen de archivo",
            "Albert García",
            "Lee también",
            "Los embalses de Cataluña",
            "Archivado en",
            "Más información",
            "Las lluvias de mayo",
            "Todos los derechos",
            "Aviso legal",
        ],
    },
    Page {
        // An old Internet Explorer MHTML: base64 HTML in windows-1252 declared in the part's header, a table layout, no site name but in the `<title>`.
        file: "german-ie-base64.mht",
        base: None,
        meta: Meta {
            title: "Streik legt Hamburger Hafen lahm",
            byline: "Peter Schäfer",
            outlet: "Nordkurier Online",
            url: "http://www.nordkurier.example/wirtschaft/hafen-streik-27032023.html",
            published: "2023-03-27",
            language: "",
        },
        blocks: &[
            "Hamburg. Ein ganztägiger Warnstreik hat am Montag den Hamburger Hafen weitgehend stillgelegt. Nach Angaben der Gewerkschaft Verdi legten mehr als 4000 Beschäftigte die Arbeit nieder.",
            "An den Containerterminals Burchardkai und Altenwerder wurden keine Schiffe abgefertigt. Reedereien leiteten nach Angaben der Hafenbehörde mindestens zwölf Frachter nach Bremerhaven und Rotterdam um.",
            "Verdi fordert für die rund 12.000 Hafenarbeiter einen Inflationsausgleich von 3,50 Euro pro Stunde. Die Arbeitgeber bieten bislang eine Einmalzahlung von 3000 Euro an, was die Gewerkschaft als „völlig unzureichend“ ablehnt.",
            "Die nächste Verhandlungsrunde ist für den 4. April angesetzt.",
        ],
        junk: &["Startseite", "Wetter", "© Nordkurier"],
    },
];

fn import(page: &Page) -> Result<claimdesk::import::Imported, String> {
    let bytes = fixture(page.file);
    if page.file.ends_with(".html") {
        let base = page.base.map(|b| url::Url::parse(b).expect("a test URL"));
        html::extract(&bytes, None, base.as_ref())
    } else {
        mhtml::extract(&bytes)
    }
}

/// One block per line, a blank line between blocks, whitespace collapsed, nothing invisible,
/// no block twice.
fn assert_well_formed(file: &str, text: &str) {
    assert_eq!(text, text.trim(), "{file}: leading or trailing whitespace");
    assert!(
        !text.contains("\n\n\n"),
        "{file}: more than one blank line between blocks"
    );
    let blocks: Vec<&str> = text.split("\n\n").collect();
    for b in &blocks {
        assert!(
            !b.is_empty() && !b.contains('\n'),
            "{file}: a block spans lines: {b:?}"
        );
        assert_eq!(*b, b.trim(), "{file}: block not trimmed: {b:?}");
        assert!(!b.contains("  "), "{file}: double space in {b:?}");
        assert!(
            !b.chars()
                .any(|c| c.is_control()
                    || matches!(c, '\u{a0}' | '\u{ad}' | '\u{200b}' | '\u{feff}')),
            "{file}: invisible or control character in {b:?}"
        );
    }
    for (i, b) in blocks.iter().enumerate() {
        assert!(!blocks[..i].contains(b), "{file}: block twice: {b:?}");
    }
}

#[test]
fn every_fixture_page_gives_exactly_its_article_and_metadata() {
    for page in PAGES {
        let got = import(page).unwrap_or_else(|e| panic!("{}: {e}", page.file));
        let m = &page.meta;
        let want = PageMeta {
            title: m.title.into(),
            byline: m.byline.into(),
            outlet: m.outlet.into(),
            url: m.url.into(),
            published: m.published.into(),
            language: m.language.into(),
        };
        assert_eq!(got.meta, want, "{}: metadata", page.file);
        assert_well_formed(page.file, &got.text);
        let blocks: Vec<&str> = got.text.split("\n\n").collect();
        let missing: Vec<&&str> = page.blocks.iter().filter(|b| !blocks.contains(b)).collect();
        let extra: Vec<&&str> = blocks.iter().filter(|b| !page.blocks.contains(b)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: article paragraphs missing: {missing:#?}\nblocks that are no article text: {extra:#?}",
            page.file
        );
        assert_eq!(blocks, page.blocks, "{}: blocks out of order", page.file);
        for junk in page.junk {
            assert!(
                !got.text.contains(junk),
                "{}: page chrome {junk:?} in the article",
                page.file
            );
        }
    }
}

#[test]
fn the_url_falls_back_to_where_the_page_came_from() {
    // The Ukrainian page names no URL of its own: without a base there is none.
    let bytes = fixture("ukrainian-windows-1251.html");
    assert_eq!(html::extract(&bytes, None, None).unwrap().meta.url, "");
    let ftp = url::Url::parse("ftp://files.example/page.html").unwrap();
    assert_eq!(
        html::extract(&bytes, None, Some(&ftp)).unwrap().meta.url,
        "",
        "only http(s)"
    );
    // The WordPress page's canonical link is relative; without a base the JSON-LD names it.
    let wp = html::extract(&fixture("wordpress-graph.html"), None, None).unwrap();
    assert_eq!(
        wp.meta.url,
        "https://harbourtimes.example/2024/03/05/council-approves-harbour-wall-repairs/"
    );
}

#[test]
fn the_http_charset_outranks_the_page_and_a_bom_outranks_both() {
    let ukrainian = fixture("ukrainian-windows-1251.html");
    // A server that says windows-1251 agrees with the page.
    let agreed = html::extract(&ukrainian, Some("windows-1251"), None).unwrap();
    assert!(agreed.text.contains("Зеленський підписав закон"));
    // A server that says ISO-8859-5 wins over the page's meta (and garbles it, as in a browser).
    let garbled = html::extract(&ukrainian, Some("iso-8859-5"), None).unwrap();
    assert!(!garbled.text.contains("Зеленський"));
    // The French page's BOM wins over its meta (iso-8859-1) and over a header.
    let french = html::extract(&fixture("french-bom.html"), Some("windows-1251"), None).unwrap();
    assert!(
        french.text.contains("définitivement adopté, lundi 10 juin"),
        "{}",
        french.text
    );
}

const ARTICLE: &str = "<p>The harbour council met on Monday to discuss the new wall and its cost to residents.</p>\
    <p>Officials said the work would take three years and close the east quay for a summer.</p>";

fn page(head: &str, body: &str) -> Vec<u8> {
    format!("<!DOCTYPE html><html><head>{head}<title>Harbour wall</title></head><body><article>{body}{ARTICLE}</article></body></html>").into_bytes()
}

#[test]
fn broken_and_legacy_encodings_convert() {
    // Invalid UTF-8 and no charset anywhere: windows-1252, as browsers guess.
    let mut bytes = page("", "");
    let at = bytes.windows(7).position(|w| w == b"<p>The ").unwrap() + 3;
    bytes.splice(
        at..at,
        b"Caf\xE9 cr\xE8me \x93quoted\x94 \x80 5. ".iter().copied(),
    );
    let text = html::extract(&bytes, None, None).unwrap().text;
    assert!(
        text.contains("Café crème “quoted” € 5. The harbour council"),
        "{text}"
    );

    // A label nobody knows is ignored: the UTF-8 text still reads as UTF-8.
    let text = html::extract(
        &page(
            "<meta charset=\"utf-9\">",
            "<p>Zürich and Kyiv (Київ) both replied to the letter in writing.</p>",
        ),
        None,
        None,
    )
    .unwrap()
    .text;
    assert!(text.contains("Zürich and Kyiv (Київ)"), "{text}");

    // One stray byte in a UTF-8 page does not turn the whole page into mojibake.
    let mut bytes = page(
        "",
        "<p>Zürich, Genève and Київ signed the water accord on Monday evening.</p>",
    );
    let at = bytes
        .windows(4)
        .position(|w| w == b"accord".get(..4).unwrap())
        .unwrap();
    bytes.insert(at, 0xFF);
    let text = html::extract(&bytes, None, None).unwrap().text;
    assert!(
        text.contains("Zürich, Genève and Київ signed the water \u{FFFD}accord"),
        "{text}"
    );

    // UTF-16 with a BOM.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            String::from_utf8(page(
                "",
                "<p>Ґрунтові води в Одесі піднялися на два метри за тиждень.</p>",
            ))
            .unwrap()
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
        )
        .collect();
    let text = html::extract(&utf16, None, None).unwrap().text;
    assert!(text.contains("Ґрунтові води в Одесі"), "{text}");

    // windows-1251 with no declaration at all: guessed from its letters.
    let (cyrillic, _, _) = encoding_rs::WINDOWS_1251.encode(
        "<html><body><article><p>Президент України підписав закон про мобілізацію, який набуде чинності через місяць.</p>\
         <p>Документ знижує вік, з якого громадян можуть мобілізувати, з 27 до 25 років, повідомляє Рада.</p>\
         <p>Закон також дозволяє надсилати повістки через електронний кабінет військовозобов'язаного.</p></article></body></html>",
    );
    let text = html::extract(&cyrillic, None, None).unwrap().text;
    assert!(text.contains("Президент України підписав закон"), "{text}");

    // An encoding the standard only ever decodes to one replacement character.
    let err = html::extract(&page("", ""), Some("iso-2022-kr"), None).unwrap_err();
    assert!(err.contains("text encoding that cannot be read"), "{err}");
}

#[test]
fn what_is_not_a_web_page_says_so() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    let text = "Harbour wall to be repaired\n\nThe council met on Monday to discuss the wall.\n";
    let json = r#"{"headline": "Harbour wall", "body": "<p>The council met.</p>"}"#;
    for bytes in [
        &png[..],
        text.as_bytes(),
        json.as_bytes(),
        b"",
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n",
    ] {
        assert_eq!(
            html::extract(bytes, None, None).unwrap_err(),
            "is not a web page (no HTML markup found)",
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
        assert!(!decode::looks_like_html(bytes));
    }
}

#[test]
fn a_page_without_an_article_says_so() {
    const NO_ARTICLE: &str = "has no article text (the page holds only navigation or is empty)";
    assert_eq!(
        html::extract(&fixture("no-article.html"), None, None).unwrap_err(),
        NO_ARTICLE
    );
    for bare in [
        "<html><body></body></html>",
        "<!DOCTYPE html><html><head><title>Empty</title></head><body>   </body></html>",
        "<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav><footer>© 2024 The Daily</footer></body></html>",
        "<html><body><ul><li><a href=/a>First story in the list of stories</a></li><li><a href=/b>Second story in the list of stories</a></li><li><a href=/c>Third story in the list of stories</a></li></ul></body></html>",
    ] {
        assert_eq!(
            html::extract(bare.as_bytes(), None, None).unwrap_err(),
            NO_ARTICLE,
            "{bare}"
        );
    }
}

#[test]
fn huge_pages_are_refused_before_parsing_unless_the_weight_is_inlined_images() {
    // 50 MiB of markup: refused at once (no decoding or parsing of it).
    let mut huge = b"<!DOCTYPE html><html><body>".to_vec();
    huge.resize(50 * 1024 * 1024, b' ');
    let started = std::time::Instant::now();
    let err = html::extract(&huge, None, None).unwrap_err();
    assert_eq!(
        err,
        "is 52.4 MB; pages over 20 MB are not imported (images inlined as data: URIs do not count)"
    );
    assert!(started.elapsed().as_secs() < 10);
    // Past 100 MiB nothing is looked at.
    let mut bigger = huge;
    bigger.resize(110 * 1024 * 1024, b' ');
    assert_eq!(
        html::extract(&bigger, None, None).unwrap_err(),
        "is 115.3 MB; pages over 100 MB are not imported"
    );
    drop(bigger);
    // 25 MB saved with its images inline (as SingleFile does): the article still comes out.
    let image = format!(
        "<img src=\"data:image/jpeg;base64,{}\">",
        "/9j/4AAQSkZJRgABAQ".repeat(70_000)
    );
    let body = format!("{}{ARTICLE}", image.repeat(20));
    let heavy = page("", &body);
    assert!(heavy.len() > 25_000_000);
    let text = html::extract(&heavy, None, None).unwrap().text;
    assert!(
        text.starts_with("The harbour council met on Monday"),
        "{}",
        &text[..text.len().min(200)]
    );
}

#[test]
fn hostile_nesting_is_refused_or_flattened() {
    let nested = |depth: usize| {
        format!(
            "<html><body>{}{ARTICLE}{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        )
        .into_bytes()
    };
    let started = std::time::Instant::now();
    let err = html::extract(&nested(100_000), None, None).unwrap_err();
    assert_eq!(
        err,
        "is nested too deeply to read (100000 elements open at once)"
    );
    let text = html::extract(&nested(1_000), None, None).unwrap().text;
    assert!(text.contains("close the east quay for a summer."), "{text}");
    assert!(started.elapsed().as_secs() < 20);
}

#[test]
fn mhtml_archives_broken_or_without_a_page_say_so() {
    assert_eq!(
        mhtml::extract(b"Plain text, no headers at all.").unwrap_err(),
        "is not an MHTML archive (no MIME headers)"
    );
    let no_page = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n";
    assert_eq!(
        mhtml::extract(no_page).unwrap_err(),
        "is an MHTML archive without a web page in it (no text/html part)"
    );
    let no_boundary = b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n--b\r\n";
    assert_eq!(
        mhtml::extract(no_boundary).unwrap_err(),
        "is a damaged MHTML archive (its parts have no boundary)"
    );
    let image = b"MIME-Version: 1.0\r\nContent-Type: image/png\r\n\r\n\x89PNG";
    assert_eq!(
        mhtml::extract(image).unwrap_err(),
        "is not an MHTML archive (it holds image/png, not a web page)"
    );
    // A saved HTML page is no archive.
    assert!(mhtml::extract(&fixture("wire-story.html")).is_err());
}

#[test]
fn truncated_mhtml_gives_the_article_so_far_or_a_clear_error() {
    let archive = fixture("spanish-chrome.mhtml");
    let html_end = archive
        .windows(22)
        .rposition(|w| w == b"Content-Type: text/css")
        .unwrap();
    // Cut after the HTML part: the page is whole.
    let whole = mhtml::extract(&archive[..html_end]).unwrap();
    assert!(
        whole
            .text
            .ends_with("reducida su dotación de agua en un 40%."),
        "{}",
        whole.text
    );
    // Cut anywhere: never a panic; either text or one of the known sentences.
    for cut in (0..archive.len()).step_by(211) {
        match mhtml::extract(&archive[..cut]) {
            Ok(imported) => assert!(!imported.text.is_empty()),
            Err(e) => assert!(
                [
                    "not an MHTML archive",
                    "without a web page",
                    "not a web page",
                    "no article text"
                ]
                .iter()
                .any(|m| e.contains(m)),
                "cut at {cut}: {e}"
            ),
        }
    }
}

#[test]
fn big_mhtml_images_cost_nothing_but_a_scan() {
    // An archive with 40 MB of base64 image after its page: only the page is decoded.
    let mut archive = fixture("german-ie-base64.mht");
    let close = archive
        .windows(9)
        .rposition(|w| w == b"\r\n------=")
        .unwrap();
    let mut image = b"\r\n------=_NextPart_000_0000_01D960C2.5A1B2C30\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n".to_vec();
    image.resize(image.len() + 40_000_000, b'A');
    archive.splice(close..close, image);
    let got = mhtml::extract(&archive).unwrap();
    assert_eq!(got.meta.title, "Streik legt Hamburger Hafen lahm");
    // Past 256 MiB the archive is refused without a look.
    let mut huge = archive;
    huge.resize(270 * 1024 * 1024, b'A');
    assert_eq!(
        mhtml::extract(&huge).unwrap_err(),
        "is 283.1 MB; MHTML archives over 256 MB are not imported"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Random bytes, with and without something that sniffs as HTML in front.
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..3000), as_html in any::<bool>()) {
        let mut input = if as_html { b"<!DOCTYPE html><html><body><p>".to_vec() } else { Vec::new() };
        input.extend_from_slice(&bytes);
        let _ = html::extract(&input, None, None);
        let _ = mhtml::extract(&input);
        let _ = decode::decode_html(&input, Some("utf-8"));
    }

    /// A fixture page cut short and with bytes overwritten or markup inserted at random places.
    #[test]
    fn damaged_fixture_pages_never_panic(
        which in 0..PAGES.len(),
        cut in 0.0f64..=1.0,
        edits in proptest::collection::vec((0.0f64..1.0, any::<u8>(), 0usize..4), 0..24),
    ) {
        let mut bytes = fixture(PAGES[which].file);
        let len = (bytes.len() as f64 * cut) as usize;
        bytes.truncate(len.max(1));
        const INSERTS: [&[u8]; 4] = [b"<div>", b"</p></article>", b"<script type=\"application/ld+json\">{\"@type\":[", b"\r\n--"];
        for (at, byte, insert) in edits {
            let at = ((bytes.len() as f64) * at) as usize % bytes.len().max(1);
            if byte % 2 == 0 {
                bytes.splice(at..at, INSERTS[insert].iter().copied());
            } else if let Some(b) = bytes.get_mut(at) {
                *b = byte;
            }
        }
        let _ = html::extract(&bytes, None, None);
        let _ = mhtml::extract(&bytes);
    }
}
