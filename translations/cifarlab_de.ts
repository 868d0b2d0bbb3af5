<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>cifarlab::ArchitectureDiagram</name>
    <message>
        <location filename="../ui/architecture_diagram.cpp" line="+239"/>
        <source>Architecture diagram</source>
        <translation>Architekturdiagramm</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>Convolution</source>
        <translation>Faltung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Normalization</source>
        <translation>Normalisierung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pooling</source>
        <translation>Pooling</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fully connected</source>
        <translation>Vollständig verbunden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reshape / dropout</source>
        <translation>Umformen / Dropout</translation>
    </message>
    <message>
        <location line="+167"/>
        <source>RGB</source>
        <translation>RGB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>grayscale</source>
        <translation>Graustufen</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n classes</source>
        <translation>
            <numerusform>%n Klasse</numerusform>
            <numerusform>%n Klassen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 params</source>
        <translation>%1 Parameter</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 MACs</source>
        <translation>%1 MACs</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+606"/>
        <source>%1 parameters</source>
        <translation>%1 Parameter</translation>
    </message>
    <message>
        <location line="-603"/>
        <source>%1 MACs per image</source>
        <translation>%1 MACs pro Bild</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n blocks</source>
        <translation>
            <numerusform>%n Block</numerusform>
            <numerusform>%n Blöcke</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n layers</source>
        <translation>
            <numerusform>%n Schicht</numerusform>
            <numerusform>%n Schichten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+289"/>
        <location line="+337"/>
        <source>No architecture selected</source>
        <translation>Keine Architektur ausgewählt</translation>
    </message>
    <message>
        <location line="-332"/>
        <source>Choose an architecture to see its blocks, output shapes, parameters and multiply-adds.</source>
        <translation>Wählen Sie eine Architektur, um ihre Blöcke, Ausgabeformen, Parameter und Multiplikationen/Additionen zu sehen.</translation>
    </message>
    <message>
        <location line="+92"/>
        <location line="+121"/>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <location line="-121"/>
        <location line="+124"/>
        <location line="+16"/>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>%1 parameters, %2 MACs</source>
        <translation>%1 Parameter, %2 MACs</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Block %1 of %2: %3</source>
        <translation>Block %1 von %2: %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>shortcut: %1</source>
        <translation>Shortcut-Pfad: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>output %1</source>
        <translation>Ausgabe %1</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>Block diagram of %1</source>
        <translation>Blockdiagramm von %1</translation>
    </message>
</context>
<context>
    <name>cifarlab::AugmentationPreview</name>
    <message>
        <location filename="../ui/augmentation_preview.cpp" line="+33"/>
        <source>Training images as the recipe augments them</source>
        <translation>Trainingsbilder, wie das Rezept sie augmentiert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New Draw</source>
        <translation>Neu ziehen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draw new random augmentations of the same images.</source>
        <translation>Neue zufällige Augmentierungen derselben Bilder ziehen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other Images</source>
        <translation>Andere Bilder</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show other training images.</source>
        <translation>Andere Trainingsbilder zeigen.</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Open a dataset to see its training images as the recipe augments them.</source>
        <translation>Öffnen Sie einen Datensatz, um seine Trainingsbilder so zu sehen, wie das Rezept sie augmentiert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>random crop shifting up to %1 px (black borders)</source>
        <translation>zufälliger Ausschnitt, um bis zu %1 px verschoben (schwarze Ränder)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>shift up to %1 px (mirrored borders)</source>
        <translation>Verschiebung um bis zu %1 px (gespiegelte Ränder)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>random mirror</source>
        <translation>zufällige Spiegelung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mirrored in every other epoch</source>
        <translation>in jeder zweiten Epoche gespiegelt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a %1 px square erased</source>
        <translation>ein Quadrat von %1 px gelöscht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rotation up to 15 degrees</source>
        <translation>Drehung um bis zu 15 Grad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>perspective distortion</source>
        <translation>perspektivische Verzerrung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This recipe trains on the images as they are: no augmentation.</source>
        <translation>Dieses Rezept trainiert auf den Bildern, wie sie sind: keine Augmentierung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What this recipe trains on: %1. Left, the image as stored; then one draw per epoch.</source>
        <translation>Worauf dieses Rezept trainiert: %1. Links das gespeicherte Bild, dann eine Ziehung pro Epoche.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>as stored</source>
        <translation>gespeichert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>epoch %1</source>
        <translation>Epoche %1</translation>
    </message>
</context>
<context>
    <name>cifarlab::ClassifyDialog</name>
    <message>
        <location filename="../ui/classify_dialog.cpp" line="+97"/>
        <source>Classify Images</source>
        <translation>Bilder klassifizieren</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Crop the centre</source>
        <translation>Mitte ausschneiden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Squash the whole image</source>
        <translation>Ganzes Bild stauchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pad with the mean colour</source>
        <translation>Mit der Mittelwertfarbe auffüllen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How an image of another size becomes the network&apos;s input size.</source>
        <translation>Wie ein Bild anderer Größe auf die Eingabegröße des Netzes gebracht wird.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fit:</source>
        <translation>&amp;Anpassen:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Prediction</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Folder says</source>
        <translation>Laut Ordner</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Classified images</source>
        <translation>Klassifizierte Bilder</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drop image files or folders here, or add them with the buttons below.
Each image is fitted to the network&apos;s %1 x %2 input; an image in a folder named after a class (such as cat/photo.jpg) is also scored against it.</source>
        <translation>Bilddateien oder Ordner hier ablegen oder mit den Schaltflächen unten hinzufügen.
Jedes Bild wird an die Eingabe des Netzes von %1 x %2 angepasst; ein Bild in einem nach einer Klasse benannten Ordner (etwa cat/foto.jpg) wird zudem an ihr gemessen.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>What the network saw</source>
        <translation>Was das Netz sah</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Where the network looked (Grad-CAM)</source>
        <translation>Wohin das Netz schaute (Grad-CAM)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Add &amp;Images...</source>
        <translation>&amp;Bilder hinzufügen...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add F&amp;older...</source>
        <translation>&amp;Ordner hinzufügen...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export CSV...</source>
        <translation>CSV &amp;exportieren...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Add Images</source>
        <translation>Bilder hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.webp *.tif *.tiff *.ppm *.pgm *.pbm *.pnm);;All files (*)</source>
        <translation>Bilder (*.jpg *.jpeg *.png *.bmp *.webp *.tif *.tiff *.ppm *.pgm *.pbm *.pnm);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add Folder</source>
        <translation>Ordner hinzufügen</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Cannot classify: %1</source>
        <translation>Klassifizieren nicht möglich: %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 (right)</source>
        <translation>%1 (richtig)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (wrong)</source>
        <translation>%1 (falsch)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot read</source>
        <translation>Nicht lesbar</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 x %2, as the network takes it</source>
        <translation>%1 x %2, wie das Netz es erwartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 x %2, centre cropped to %3 x %4</source>
        <translation>%1 x %2, mittig auf %3 x %4 ausgeschnitten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 x %2, squashed to %3 x %4</source>
        <translation>%1 x %2, auf %3 x %4 gestaucht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 x %2, padded to %3 x %4</source>
        <translation>%1 x %2, auf %3 x %4 aufgefüllt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 (%2): right, as its folder says.</source>
        <translation>%1 (%2): richtig, wie sein Ordner sagt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2): wrong, its folder says %3.</source>
        <translation>%1 (%2): falsch, sein Ordner sagt %3.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Computing the map...</source>
        <translation>Karte wird berechnet...</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Layer %1 (%2 x %3).</source>
        <translation>Schicht %1 (%2 x %3).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing in the image raises the score of %1: the network decided by what is absent.</source>
        <translation>Nichts im Bild erhöht die Bewertung von %1: Das Netz entschied nach dem, was fehlt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bright: evidence for %1.</source>
        <translation>Hell: Hinweise auf %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No map: %1</source>
        <translation>Keine Karte: %1</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>1 image classified</source>
        <translation>1 Bild klassifiziert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 images classified</source>
        <translation>%1 Bilder klassifiziert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 unreadable</source>
        <translation>1 nicht lesbar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 unreadable</source>
        <translation>%1 nicht lesbar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 in folders named after a class: %2 right (%3)</source>
        <translation>%1 in nach einer Klasse benannten Ordnern: %2 richtig (%3)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Classifying...</source>
        <translation>Klassifiziere...</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>cifarlab::CompareTab</name>
    <message>
        <location filename="../ui/compare_tab.cpp" line="+125"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model (MB)</source>
        <translation>Modell (MB)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model (bytes)</source>
        <translation>Modell (Bytes)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wall time (s)</source>
        <translation>Dauer (s)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images/s</source>
        <translation>Bilder/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds to 50%</source>
        <translation>Sekunden bis 50%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds to 80%</source>
        <translation>Sekunden bis 80%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds to 90%</source>
        <translation>Sekunden bis 90%</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+171"/>
        <source>Numbers per run</source>
        <translation>Kennzahlen pro Lauf</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Click a header to sort. Ctrl+C copies the selected cells (with full precision) as tab-separated text for a spreadsheet.</source>
        <translation>Klicken Sie auf eine Spaltenüberschrift, um zu sortieren. Strg+C kopiert die ausgewählten Zellen (mit allen Stellen) als tabulatorgetrennten Text für eine Tabellenkalkulation.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Numbers</source>
        <translation>Zahlen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+590"/>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <location line="-524"/>
        <source>&amp;Export Chart...</source>
        <translation>Diagramm &amp;exportieren...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the chart as PNG (choose the resolution), SVG or PDF</source>
        <translation>Das Diagramm als PNG (mit wählbarer Auflösung), SVG oder PDF speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport Data...</source>
        <translation>Daten e&amp;xportieren...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the numbers per run and the metrics per epoch as two CSV files</source>
        <translation>Die Kennzahlen pro Lauf und die Metriken pro Epoche als zwei CSV-Dateien speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export Confi&amp;gs...</source>
        <translation>Konfi&amp;gurationen exportieren...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save every run&apos;s full training configuration as one JSON file</source>
        <translation>Die vollständige Trainingskonfiguration jedes Laufs als eine JSON-Datei speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Report</source>
        <translation>Beri&amp;cht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A report with a summary table, every chart and per run its curves and confusion matrix</source>
        <translation>Ein Bericht mit Übersichtstabelle, allen Diagrammen sowie den Kurven und der Konfusionsmatrix jedes Laufs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF Report...</source>
        <translation>PDF-Bericht...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTML Report (Folder)...</source>
        <translation>HTML-Bericht (Ordner)...</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Chart&amp;s</source>
        <translation>Diagra&amp;mme</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Time to accuracy: the test accuracy each run has to reach</source>
        <translation>Zeit bis zur Genauigkeit: die Testgenauigkeit, die jeder Lauf erreichen muss</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Run A of the pair: the ablation chart, the difference confusion (B - A), the differing settings and the images A gets right and B gets wrong</source>
        <translation>Lauf A des Paars: für das Ablationsdiagramm, die Differenz-Konfusionsmatrix (B - A), die abweichenden Einstellungen und die Bilder, die A richtig und B falsch klassifiziert</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Run B of the pair</source>
        <translation>Lauf B des Paars</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;wap A and B</source>
        <translation>A und B &amp;vertauschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exchange runs A and B</source>
        <translation>Die Läufe A und B vertauschen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Thresh&amp;old:</source>
        <translation>Sch&amp;welle:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>R&amp;un A:</source>
        <translation>Lau&amp;f A:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ru&amp;n B:</source>
        <translation>La&amp;uf B:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Settings that differ</source>
        <translation>Abweichende Einstellungen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Settings that differ between runs A and B</source>
        <translation>Einstellungen, in denen sich die Läufe A und B unterscheiden</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+303"/>
        <location line="+9"/>
        <source>Setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <location line="-312"/>
        <location line="+303"/>
        <location line="+9"/>
        <location line="+169"/>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location line="-481"/>
        <location line="+303"/>
        <location line="+9"/>
        <location line="+169"/>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location line="-456"/>
        <source>Test images run A gets right and run B gets wrong</source>
        <translation>Testbilder, die Lauf A richtig und Lauf B falsch klassifiziert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Test images every selected run gets wrong</source>
        <translation>Testbilder, die jeder ausgewählte Lauf falsch klassifiziert</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>The run history is unavailable.</source>
        <translation>Die Lauf-Historie ist nicht verfügbar.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>1 epoch</source>
        <translation>1 Epoche</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 epochs</source>
        <translation>%1 Epochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 on %2, %3</source>
        <translation>%1 auf %2, %3</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Select runs in the Runs dock first.</source>
        <translation>Wählen Sie zuerst Läufe im Bereich „Läufe“ aus.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Cannot compare these runs: %1</source>
        <translation>Diese Läufe können nicht verglichen werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select runs in the Runs dock (Ctrl+click or Shift+click for several), then press Ctrl+K to compare them here.</source>
        <translation>Wählen Sie Läufe im Bereich „Läufe“ aus (mehrere mit Strg+Klick oder Umschalt+Klick) und drücken Sie dann Strg+K, um sie hier zu vergleichen.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Select two runs or more to pair them.</source>
        <translation>Wählen Sie zwei oder mehr Läufe aus, um ein Paar zu bilden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A: %1</source>
        <translation>A: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B: %1</source>
        <translation>B: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A and B are the same run; pick two different runs.</source>
        <translation>A und B sind derselbe Lauf; wählen Sie zwei verschiedene Läufe.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A and B were trained with the same settings.</source>
        <translation>A und B wurden mit denselben Einstellungen trainiert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One setting differs between A and B.</source>
        <translation>Eine Einstellung unterscheidet sich zwischen A und B.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 settings differ between A and B.</source>
        <translation>%1 Einstellungen unterscheiden sich zwischen A und B.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Right in A, wrong in B</source>
        <translation>Richtig in A, falsch in B</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+96"/>
        <source>Wrong in every run</source>
        <translation>Falsch in jedem Lauf</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>Images (%1 · %2)</source>
        <translation>Bilder (%1 · %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Select runs to see the test images they disagree on.</source>
        <translation>Wählen Sie Läufe aus, um die Testbilder zu sehen, bei denen sie sich unterscheiden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run %1 recorded no per-image predictions, so its images cannot be compared.</source>
        <translation>Lauf %1 hat keine Vorhersagen pro Bild aufgezeichnet, daher können seine Bilder nicht verglichen werden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open the runs&apos; dataset (%1) to see the test images they disagree on.</source>
        <translation>Öffnen Sie den Datensatz der Läufe (%1), um die Testbilder zu sehen, bei denen sie sich unterscheiden.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The open dataset (%1) is not the one these runs were trained on (%2): open it to see their images.</source>
        <translation>Der geöffnete Datensatz (%1) ist nicht der, auf dem diese Läufe trainiert wurden (%2): Öffnen Sie diesen, um ihre Bilder zu sehen.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Test image %1, a %2</source>
        <translation>Testbild %1, Klasse %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1%2: %3</source>
        <translation>%1%2: %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: 1 image</source>
        <translation>%1: 1 Bild</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: %2 images</source>
        <translation>%1: %2 Bilder</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (the first %1 shown)</source>
        <translation> (die ersten %1 angezeigt)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Right in A (%1), wrong in B (%2)</source>
        <translation>Richtig in A (%1), falsch in B (%2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Right in A, wrong in B: pick two different runs</source>
        <translation>Richtig in A, falsch in B: Wählen Sie zwei verschiedene Läufe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong in this run</source>
        <translation>Falsch in diesem Lauf</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot compare the selected runs</source>
        <translation>Die ausgewählten Läufe können nicht verglichen werden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No runs selected</source>
        <translation>Keine Läufe ausgewählt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select runs in the Runs dock below (Ctrl+click or Shift+click for several).</source>
        <translation>Wählen Sie unten im Bereich „Läufe“ Läufe aus (mehrere mit Strg+Klick oder Umschalt+Klick).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One run</source>
        <translation>Ein Lauf</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Comparing %1 runs</source>
        <translation>Vergleich von %1 Läufen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>on %1</source>
        <translation>auf %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>best: %1 with %2% test accuracy</source>
        <translation>bester: %1 mit %2% Testgenauigkeit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>still training: %1 (updates as epochs finish)</source>
        <translation>trainiert noch: %1 (wird nach jeder Epoche aktualisiert)</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Copied the selected cells</source>
        <translation>Ausgewählte Zellen kopiert</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+10"/>
        <location line="+19"/>
        <location line="+10"/>
        <location line="+10"/>
        <source>No runs to compare.</source>
        <translation>Keine Läufe zum Vergleichen.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG-Grafik (*.svg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+71"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>Export Chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>PNG Resolution</source>
        <translation>PNG-Auflösung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dots per inch (96 for screens, 300 or more for print):</source>
        <translation>Punkte pro Zoll (96 für Bildschirme, 300 oder mehr für den Druck):</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+18"/>
        <location line="+17"/>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+35"/>
        <location line="+20"/>
        <location line="+20"/>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>Export Data</source>
        <translation>Daten exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Saved %1 and %2</source>
        <translation>%1 und %2 gespeichert</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export Configurations</source>
        <translation>Konfigurationen exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>PDF Report</source>
        <translation>PDF-Bericht</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+20"/>
        <source>Report failed</source>
        <translation>Bericht fehlgeschlagen</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>HTML Report: Choose a Folder</source>
        <translation>HTML-Bericht: Ordner wählen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not create %1</source>
        <translation>%1 konnte nicht erstellt werden</translation>
    </message>
</context>
<context>
    <name>cifarlab::ComparisonChartView</name>
    <message>
        <location line="-1133"/>
        <source>Comparison chart</source>
        <translation>Vergleichsdiagramm</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Comparison chart: %1</source>
        <translation>Vergleichsdiagramm: %1</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Runs: %1</source>
        <translation>Läufe: %1</translation>
    </message>
</context>
<context>
    <name>cifarlab::ComparisonCharts</name>
    <message>
        <location filename="../ui/comparison_charts.cpp" line="+690"/>
        <source>1 run</source>
        <translation>1 Lauf</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 runs</source>
        <translation>%1 Läufe</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>created %1</source>
        <translation>erstellt am %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CifarLab %1</source>
        <translation>CifarLab %1</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Share of images classified correctly; best = highest of any epoch</source>
        <translation>Anteil richtig klassifizierter Bilder; beste = höchster Wert aller Epochen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 run without epochs left out</source>
        <translation>1 Lauf ohne Epochen ausgelassen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 runs without epochs left out</source>
        <translation>%1 Läufe ohne Epochen ausgelassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final and best accuracy</source>
        <translation>Finale und beste Genauigkeit</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+692"/>
        <source>Final train</source>
        <translation>Finales Training</translation>
    </message>
    <message>
        <location line="-692"/>
        <source>Best train</source>
        <translation>Bestes Training</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+691"/>
        <source>Final test</source>
        <translation>Finaler Test</translation>
    </message>
    <message>
        <location line="-691"/>
        <source>Best test</source>
        <translation>Bester Test</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+283"/>
        <source>Accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>Model size and parameters</source>
        <translation>Modellgröße und Parameter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size of the saved weights (parameters and buffers); trainable parameter count</source>
        <translation>Größe der gespeicherten Gewichte (Parameter und Puffer); Anzahl trainierbarer Parameter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Model size (MB)</source>
        <translation>Modellgröße (MB)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Trainable parameters (millions)</source>
        <translation>Trainierbare Parameter (Millionen)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trainable parameters (thousands)</source>
        <translation>Trainierbare Parameter (Tausend)</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+531"/>
        <location line="+281"/>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location line="-807"/>
        <location line="+9"/>
        <location line="+52"/>
        <source>not recorded</source>
        <translation>nicht erfasst</translation>
    </message>
    <message>
        <location line="-57"/>
        <location line="+782"/>
        <source>%1 M</source>
        <translation>%1 Mio.</translation>
    </message>
    <message>
        <location line="-782"/>
        <location line="+784"/>
        <source>%1 K</source>
        <translation>%1 Tsd.</translation>
    </message>
    <message>
        <location line="-770"/>
        <source>Time to accuracy and throughput</source>
        <translation>Zeit bis zur Genauigkeit und Durchsatz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wall time until the test accuracy first reached %1; training images per second</source>
        <translation>Dauer, bis die Testgenauigkeit erstmals %1 erreichte; Trainingsbilder pro Sekunde</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Time to %1 test accuracy (seconds)</source>
        <translation>Zeit bis %1 Testgenauigkeit (Sekunden)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Time to %1 test accuracy (hours)</source>
        <translation>Zeit bis %1 Testgenauigkeit (Stunden)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Time to %1 test accuracy (minutes)</source>
        <translation>Zeit bis %1 Testgenauigkeit (Minuten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Training throughput (images/s)</source>
        <translation>Trainingsdurchsatz (Bilder/s)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>not reached (best %1)</source>
        <translation>nicht erreicht (beste %1)</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Cross-entropy loss (log scale)</source>
        <translation>Kreuzentropie-Verlust (logarithmisch)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cross-entropy loss</source>
        <translation>Kreuzentropie-Verlust</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+139"/>
        <location line="+962"/>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <location line="-1100"/>
        <location line="+139"/>
        <location line="+962"/>
        <source>train</source>
        <translation>Training</translation>
    </message>
    <message>
        <location line="-1094"/>
        <source>Accuracy by epoch</source>
        <translation>Genauigkeit pro Epoche</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loss by epoch</source>
        <translation>Verlust pro Epoche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test accuracy (solid) and training accuracy (dashed) after each epoch</source>
        <translation>Testgenauigkeit (durchgezogen) und Trainingsgenauigkeit (gestrichelt) nach jeder Epoche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test loss (solid) and training loss (dashed) after each epoch</source>
        <translation>Testverlust (durchgezogen) und Trainingsverlust (gestrichelt) nach jeder Epoche</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Final test accuracy against training length</source>
        <translation>Finale Testgenauigkeit nach Trainingslänge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One point per run (labelled with its id); lines join runs of the same architecture</source>
        <translation>Ein Punkt pro Lauf (mit seiner ID beschriftet); Linien verbinden Läufe derselben Architektur</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Training length (epochs)</source>
        <translation>Trainingslänge (Epochen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final test accuracy (%)</source>
        <translation>Finale Testgenauigkeit (%)</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Ablation: %1 vs %2</source>
        <translation>Ablation: %1 gegen %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final test accuracy %1 %2 %3 (%4 points)</source>
        <translation>Finale Testgenauigkeit %1 %2 %3 (%4 Prozentpunkte)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no setting differs</source>
        <translation>keine Einstellung weicht ab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed settings (A %1 B):</source>
        <translation>Geänderte Einstellungen (A %1 B):</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>+%1 more</source>
        <translation>+%1 weitere</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>Predicted class</source>
        <translation>Vorhergesagte Klasse</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>True class</source>
        <translation>Tatsächliche Klasse</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Confusion difference: %1 %2 %3</source>
        <translation>Konfusionsdifferenz: %1 %2 %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test images per cell, B minus A at each run&apos;s last epoch; A %1, B %2</source>
        <translation>Testbilder pro Zelle, B minus A in der letzten Epoche jedes Laufs; A %1, B %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>B better: more right (diagonal), fewer mistakes (elsewhere)</source>
        <translation>B besser: mehr richtig (Diagonale), weniger Fehler (übrige Zellen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B worse than A</source>
        <translation>B schlechter als A</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Test confusion matrix</source>
        <translation>Konfusionsmatrix (Test)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epoch %1; cells are the share of each true class (row)</source>
        <translation>Epoche %1; Zellen zeigen den Anteil an jeder tatsächlichen Klasse (Zeile)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No confusion matrix recorded.</source>
        <translation>Keine Konfusionsmatrix aufgezeichnet.</translation>
    </message>
    <message>
        <location line="+67"/>
        <location line="+42"/>
        <location line="+42"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Best test (epoch)</source>
        <translation>Bester Test (Epoche)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Test loss</source>
        <translation>Testverlust</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wall time</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images/s</source>
        <translation>Bilder/s</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time to 80%</source>
        <translation>Zeit bis 80%</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>not reached</source>
        <translation>nicht erreicht</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1 %2 %3: %4 of %5</source>
        <translation>%1 %2 %3: %4 von %5</translation>
    </message>
    <message>
        <location line="+217"/>
        <source>%1 G</source>
        <translation>%1 Mrd.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Architecture: %1</source>
        <translation>Architektur: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Architecture: %1 (%2)</source>
        <translation>Architektur: %1 (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Input: %1 (assumed), %2 classes</source>
        <translation>Eingabe: %1 (angenommen), %2 Klassen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Input: %1, %2 classes</source>
        <translation>Eingabe: %1, %2 Klassen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Trainable parameters: %1</source>
        <translation>Trainierbare Parameter: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size: %1</source>
        <translation>Größe: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Multiply-adds per image: %1</source>
        <translation>Multiplikationen/Additionen pro Bild: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Layers: %1 (%2 convolutions, %3 fully connected)</source>
        <translation>Schichten: %1 (%2 Faltungen, %3 vollständig verbunden)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Multiply-adds and layers: unavailable for this architecture</source>
        <translation>Multiplikationen/Additionen und Schichten: für diese Architektur nicht verfügbar</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Optimizer: %1, lr %2, weight decay %3</source>
        <translation>Optimierer: %1, LR %2, Weight Decay %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, momentum %1%2</source>
        <translation>, Momentum %1%2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> (Nesterov)</source>
        <translation> (Nesterov)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; filters: Muon, lr %1, momentum %2</source>
        <translation>; Filter: Muon, LR %1, Momentum %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Schedule: %1, %2 epochs, batch size %3</source>
        <translation>Zeitplan: %1, %2 Epochen, Batchgröße %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Augmentation: %1; label smoothing %2</source>
        <translation>Augmentierung: %1; Label Smoothing %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preprocessing: %1; precision %2</source>
        <translation>Vorverarbeitung: %1; Rechengenauigkeit %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wall time %1, %2 images/s</source>
        <translation>Dauer %1, %2 Bilder/s</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>CifarLab %1 %2 run comparison</source>
        <translation>CifarLab %1 %2 Laufvergleich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page %1</source>
        <translation>Seite %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model size</source>
        <translation>Modellgröße</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accuracy curves</source>
        <translation>Genauigkeitskurven</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss curves</source>
        <translation>Verlustkurven</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accuracy vs. training length</source>
        <translation>Genauigkeit nach Trainingslänge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time to accuracy</source>
        <translation>Zeit bis zur Genauigkeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ablation</source>
        <translation>Ablation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confusion difference</source>
        <translation>Konfusionsdifferenz</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>No runs to compare.</source>
        <translation>Keine Läufe zum Vergleichen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>None of the runs has finished an epoch yet.</source>
        <translation>Noch keiner der Läufe hat eine Epoche abgeschlossen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No run has recorded its model size yet.</source>
        <translation>Noch kein Lauf hat seine Modellgröße erfasst.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Needs runs of at least two different training lengths.</source>
        <translation>Benötigt Läufe mit mindestens zwei verschiedenen Trainingslängen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Needs two runs to compare.</source>
        <translation>Benötigt zwei Läufe zum Vergleichen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Runs A and B must be two different runs of the comparison.</source>
        <translation>Die Läufe A und B müssen zwei verschiedene Läufe des Vergleichs sein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run %1 has no epochs yet.</source>
        <translation>Lauf %1 hat noch keine Epochen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Runs %1 and %2 were trained on different classes.</source>
        <translation>Die Läufe %1 und %2 wurden auf unterschiedlichen Klassen trainiert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run %1 has no test confusion matrix.</source>
        <translation>Lauf %1 hat keine Konfusionsmatrix für die Testmenge.</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>chart size %1x%2 is too small</source>
        <translation>Diagrammgröße %1x%2 ist zu klein</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>resolution %1 dpi is out of range (24 to 2400)</source>
        <translation>Auflösung %1 dpi liegt außerhalb des zulässigen Bereichs (24 bis 2400)</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Run comparison by CifarLab %1</source>
        <translation>Laufvergleich von CifarLab %1</translation>
    </message>
    <message>
        <location line="+82"/>
        <location line="+121"/>
        <source>Most confused pairs (test images, last epoch)</source>
        <translation>Am häufigsten verwechselte Paare (Testbilder, letzte Epoche)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Learning-rate finder</source>
        <translation>Lernraten-Finder</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>valley</source>
        <translation>Tal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>steepest</source>
        <translation>steilster Abfall</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>minimum %1 10</source>
        <translation>Minimum %1 10</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No batches recorded yet.</source>
        <translation>Noch keine Batches aufgezeichnet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One batch recorded so far.</source>
        <translation>Bisher ein Batch aufgezeichnet.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>loss per batch</source>
        <translation>Verlust pro Batch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>smoothed loss</source>
        <translation>geglätteter Verlust</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Learning rate (log scale)</source>
        <translation>Lernrate (logarithmisch)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Learning-rate finder by CifarLab %1</source>
        <translation>Lernraten-Finder von CifarLab %1</translation>
    </message>
    <message>
        <location line="-407"/>
        <location line="+13"/>
        <location line="+3"/>
        <location line="+64"/>
        <location line="+114"/>
        <source>cannot write the file</source>
        <translation>die Datei kann nicht geschrieben werden</translation>
    </message>
    <message>
        <location line="-173"/>
        <source>unsupported format &apos;%1&apos; (expected .png, .svg or .pdf)</source>
        <translation>nicht unterstütztes Format „%1“ (erwartet: .png, .svg oder .pdf)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1x%2 pixels is too large an image</source>
        <translation>ein Bild mit %1x%2 Pixeln ist zu groß</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot paint the image</source>
        <translation>das Bild kann nicht gezeichnet werden</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>no runs to report</source>
        <translation>keine Läufe für den Bericht</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+149"/>
        <source>CifarLab run comparison</source>
        <translation>CifarLab-Laufvergleich</translation>
    </message>
    <message>
        <location line="-120"/>
        <location line="+132"/>
        <source>Run comparison</source>
        <translation>Laufvergleich</translation>
    </message>
    <message>
        <location line="-107"/>
        <source>%1 (continued)</source>
        <translation>%1 (Fortsetzung)</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+117"/>
        <source>Summary</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location line="-116"/>
        <location line="+119"/>
        <source>Settings that differ</source>
        <translation>Abweichende Einstellungen</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>1 epoch</source>
        <translation>1 Epoche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 epochs</source>
        <translation>%1 Epochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 on %2, %3, %4</source>
        <translation>%1 auf %2, %3, %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>; final test accuracy %1, best %2 (epoch %3)</source>
        <translation>; finale Testgenauigkeit %1, beste %2 (Epoche %3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No epochs recorded.</source>
        <translation>Keine Epochen aufgezeichnet.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>cannot create the folder</source>
        <translation>der Ordner kann nicht erstellt werden</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Charts that do not apply to these runs:</source>
        <translation>Diagramme, die für diese Läufe nicht zutreffen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one row per run</source>
        <translation>eine Zeile pro Lauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one row per run and epoch</source>
        <translation>eine Zeile pro Lauf und Epoche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>every run&apos;s training settings</source>
        <translation>die Trainingseinstellungen jedes Laufs</translation>
    </message>
</context>
<context>
    <name>cifarlab::ConfigPanel</name>
    <message>
        <location filename="../ui/config_panel.cpp" line="+92"/>
        <source>seed: the original study (SGD 0.001, batch 4)</source>
        <translation>seed: die ursprüngliche Studie (SGD 0,001, Batchgröße 4)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>standard: one-cycle SGD, crop+flip, bf16</source>
        <translation>standard: One-Cycle-SGD, Ausschnitt+Spiegelung, bf16</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>quick: 3 epochs for a first look</source>
        <translation>quick: 3 Epochen für einen ersten Eindruck</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>custom</source>
        <translation>benutzerdefiniert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A named recipe fills in every field below; editing a field makes it custom.</source>
        <translation>Ein benanntes Rezept füllt alle Felder darunter aus; sobald ein Feld geändert wird, gilt es als benutzerdefiniert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>automatic (architecture-id)</source>
        <translation>automatisch (Architektur-ID)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name of the run in the Runs list; leave empty for an automatic name.</source>
        <translation>Name des Laufs in der Liste „Läufe“; leer lassen für einen automatischen Namen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preset:</source>
        <translation>Vorgabe:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run name:</source>
        <translation>Laufname:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Optimization</source>
        <translation>Optimierung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Passes over the training set; a fraction trains a partial last epoch.</source>
        <translation>Durchläufe über die Trainingsmenge; ein Bruchteil trainiert eine unvollständige letzte Epoche.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Images per optimizer step.</source>
        <translation>Bilder pro Optimiererschritt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SGD with momentum</source>
        <translation>SGD mit Momentum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Muon (filters) + SGD</source>
        <translation>Muon (Filter) + SGD</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Peak learning rate (the schedule scales it).</source>
        <translation>Maximale Lernrate (der Zeitplan skaliert sie).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SGD momentum, or AdamW&apos;s beta1.</source>
        <translation>SGD-Momentum bzw. beta1 von AdamW.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nesterov momentum (SGD only).</source>
        <translation>Nesterov-Momentum (nur SGD).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>L2 penalty (decoupled for AdamW).</source>
        <translation>L2-Strafterm (bei AdamW entkoppelt).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>one-cycle (warm-up, cosine down)</source>
        <translation>One-Cycle (Aufwärmen, dann Kosinus-Abfall)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cosine</source>
        <translation>Kosinus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>constant</source>
        <translation>konstant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>triangular (linear up, linear down)</source>
        <translation>dreieckig (linear hoch, linear runter)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>step (multiplied at milestones)</source>
        <translation>Stufen (Multiplikation an Meilensteinen)</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>fast: airbench with Muon, about 91% in minutes (use with airbench)</source>
        <translation>fast: airbench mit Muon, etwa 91 % in Minuten (mit airbench verwenden)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>airbench94: the paper&apos;s SGD recipe (use with airbench)</source>
        <translation>airbench94: das SGD-Rezept des Artikels (mit airbench verwenden)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>best: a pair of wider airbench nets, trained longer</source>
        <translation>best: zwei breitere airbench-Netze, länger trainiert</translation>
    </message>
    <message>
        <location line="+18"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no limit</source>
        <translation>kein Limit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minutes the run may take. At the end of each epoch, fewer epochs are scheduled if the ones above would not end in time at that pace (and more again, up to the ones above, when a later epoch runs faster); the schedule stretches to the new length.</source>
        <translation>So viele Minuten darf der Lauf dauern. Am Ende jeder Epoche werden weniger Epochen geplant, wenn die obigen in diesem Tempo nicht rechtzeitig enden würden (und wieder mehr, höchstens die obigen, wenn eine spätere Epoche schneller läuft); der Zeitplan der Lernrate streckt sich auf die neue Länge.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Narrow airbench to fit the budget</source>
        <translation>airbench schmaler machen, bis es ins Zeitbudget passt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>airbench only. Before training, a few steps time the network on this computer; if the epochs above would not fit the budget, airbench trains at the widest of 7/8, 3/4, 5/8 or 1/2 of its width that fits (on this data a narrower network does better than too few epochs).</source>
        <translation>Nur airbench. Vor dem Training messen einige Schritte die Geschwindigkeit des Netzes auf diesem Rechner; passen die oben eingestellten Epochen nicht ins Budget, trainiert airbench stattdessen mit der größten Breite unter 7/8, 3/4, 5/8 oder 1/2 seiner Breite, die hineinpasst (auf diesen Daten schneidet ein schmaleres Netz besser ab als zu wenige Epochen).</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Share of the steps spent warming up (one-cycle and triangular).</source>
        <translation>Anteil der Schritte zum Aufwärmen (One-Cycle und dreieckig).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spreads this share of each target over all classes.</source>
        <translation>Verteilt diesen Anteil jedes Zielwerts gleichmäßig auf alle Klassen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Epochs:</source>
        <translation>Epochen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time budget:</source>
        <translation>Zeitbudget:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batch size:</source>
        <translation>Batchgröße:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optimizer:</source>
        <translation>Optimierer:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find...</source>
        <translation>Finden...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning-rate finder: sweep the rate over a few batches with this recipe and pick it off the loss curve.</source>
        <translation>Lernraten-Finder: die Rate mit diesem Rezept über einige Batches durchfahren und an der Verlustkurve ablesen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Momentum:</source>
        <translation>Momentum:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight decay:</source>
        <translation>Weight Decay:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule:</source>
        <translation>Zeitplan:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warm-up share:</source>
        <translation>Aufwärmanteil:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label smoothing:</source>
        <translation>Label Smoothing:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Random crop after zero padding</source>
        <translation>Zufälliger Ausschnitt nach Auffüllen mit Nullen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random horizontal flip</source>
        <translation>Zufällige horizontale Spiegelung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Random shift with mirrored borders (reflect padding)</source>
        <translation>Zufällige Verschiebung mit gespiegelten Rändern (Reflexions-Auffüllung)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each image mirrored in every other epoch, so it is seen both ways</source>
        <translation>Jedes Bild in jeder zweiten Epoche gespiegelt, so wird es in beiden Richtungen gesehen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erase a random square (cutout)</source>
        <translation>Ein zufälliges Quadrat löschen (Cutout)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Random rotation up to 15 degrees (the study&apos;s set)</source>
        <translation>Zufällige Drehung um bis zu 15 Grad (aus dem Satz der Studie)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random perspective distortion (the study&apos;s set)</source>
        <translation>Zufällige perspektivische Verzerrung (aus dem Satz der Studie)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>crop</source>
        <translation>Ausschnitt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>flip</source>
        <translation>Spiegeln</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+19"/>
        <source>cutout</source>
        <translation>Cutout</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>rotate</source>
        <translation>Drehen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>perspective</source>
        <translation>Perspektive</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>translate</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>alternate flip</source>
        <translation>abwechselnd spiegeln</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Padding in pixels before the random crop.</source>
        <translation>Auffüllung in Pixeln vor dem zufälligen Ausschnitt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Side of the erased square in pixels.</source>
        <translation>Seitenlänge des gelöschten Quadrats in Pixeln.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pad</source>
        <translation>Rand</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dataset mean/std</source>
        <translation>Mittelwert/Std.-Abw. des Datensatzes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>per-image standardization</source>
        <translation>Standardisierung pro Bild</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How pixels are normalized; the study standardized each image.</source>
        <translation>Wie die Pixel normalisiert werden; die Studie hat jedes Bild einzeln standardisiert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Augment:</source>
        <translation>Augmentierung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sizes:</source>
        <translation>Größen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normalize:</source>
        <translation>Normalisieren:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Runtime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>auto (bf16 on this CPU)</source>
        <translation>automatisch (bf16 auf dieser CPU)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>auto (fp32 on this CPU)</source>
        <translation>automatisch (fp32 auf dieser CPU)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fp32</source>
        <translation>fp32</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bf16 autocast</source>
        <translation>bf16-Autocast</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fp16 autocast (CUDA, with loss scaling)</source>
        <translation>fp16-Autocast (CUDA, mit Loss-Skalierung)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bf16 autocast roughly doubles convolution speed on CPUs with AVX512-BF16 or AMX.</source>
        <translation>bf16-Autocast verdoppelt auf CPUs mit AVX512-BF16 oder AMX ungefähr die Geschwindigkeit der Faltungen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>channels-last memory format</source>
        <translation>Speicherformat channels-last</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NHWC tensors: faster convolutions with oneDNN.</source>
        <translation>NHWC-Tensoren: schnellere Faltungen mit oneDNN.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>auto (Winograd on this CPU)</source>
        <translation>automatisch (Winograd auf dieser CPU)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>auto (direct on this CPU)</source>
        <translation>automatisch (direkt auf dieser CPU)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>direct (oneDNN)</source>
        <translation>direkt (oneDNN)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Winograd F(4x4,3x3)</source>
        <translation>Winograd F(4x4,3x3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How 3x3 convolutions are computed. Winograd&apos;s algorithm needs 4 times fewer multiply-adds but rounds more; auto uses it on CPUs with AVX2 or AVX-512 and no AMX. With AVX512-BF16 it trains airbench about 1.7 times and ResNet-18 1.4 times faster in bf16; in float32 (the default on CPUs without AVX512-BF16) it trains airbench 1.15-1.8 times and ResNet-18 1.35-1.55 times faster at batches of 256 and more, for about twice the memory. Where the first step takes the process past 3/4 of the memory limit, auto goes on with direct convolutions.</source>
        <translation>Wie 3x3-Faltungen berechnet werden. Winograds Algorithmus braucht 4-mal weniger Multiplikationen und Additionen, rundet aber stärker; automatisch nutzt ihn auf CPUs mit AVX2 oder AVX-512 und ohne AMX. Mit AVX512-BF16 trainiert er airbench in bf16 etwa 1,7-mal und ResNet-18 1,4-mal schneller; in float32 (der Vorgabe auf CPUs ohne AVX512-BF16) trainiert er ab Batches von 256 Bildern airbench 1,15- bis 1,8-mal und ResNet-18 1,35- bis 1,55-mal schneller, bei etwa doppeltem Speicherbedarf. Bringt der erste Schritt den Prozess über 3/4 der Speichergrenze, rechnet automatisch mit direkten Faltungen weiter.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>all cores (%1)</source>
        <translation>alle Kerne (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Threads for training; 0 uses every core.</source>
        <translation>Threads für das Training; 0 nutzt alle Kerne.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CUDA device %1</source>
        <translation>CUDA-Gerät %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the network trains.</source>
        <translation>Wo das Netz trainiert wird.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This LibTorch has no CUDA devices; training runs on the CPU.</source>
        <translation>Diese LibTorch-Version hat keine CUDA-Geräte; das Training läuft auf der CPU.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Data-parallel training: this many processes on this computer, each with its share of the cores and the batch size above, gradients averaged after every step.</source>
        <translation>Datenparalleles Training: so viele Prozesse auf diesem Computer, jeder mit seinem Anteil der Kerne und der obigen Batchgröße; die Gradienten werden nach jedem Schritt gemittelt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Same seed, same data and config: the same run, even after a resume.</source>
        <translation>Gleicher Seed, gleiche Daten und Konfiguration: derselbe Lauf, auch nach einer Fortsetzung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Precision:</source>
        <translation>Rechengenauigkeit:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Convolutions:</source>
        <translation>Faltungen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Processes:</source>
        <translation>Prozesse:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <location line="+215"/>
        <source>Advanced settings</source>
        <translation>Erweiterte Einstellungen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The airbench recipes&apos; settings, test-time augmentation and checkpointing</source>
        <translation>Die Einstellungen der airbench-Rezepte, Testzeit-Augmentierung und Checkpoints</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Muon: learning rate of the convolution filters (their steps are orthogonalised).</source>
        <translation>Muon: Lernrate der Faltungsfilter (ihre Schritte werden orthogonalisiert).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Muon: momentum of the convolution filters; the other parameters use the momentum above.</source>
        <translation>Muon: Momentum der Faltungsfilter; die übrigen Parameter verwenden das Momentum oben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Muon rate:</source>
        <translation>Muon-Rate:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Triangular schedule: first learning rate as a share of the peak.</source>
        <translation>Dreieckiger Zeitplan: erste Lernrate als Anteil des Maximums.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Triangular schedule: last learning rate as a share of the peak.</source>
        <translation>Dreieckiger Zeitplan: letzte Lernrate als Anteil des Maximums.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Triangular from:</source>
        <translation>Dreieckig von:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Step schedule: the learning rate is multiplied by this at each milestone.</source>
        <translation>Stufenplan: Die Lernrate wird an jedem Meilenstein mit diesem Wert multipliziert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Step schedule: fractions of training, ascending, separated by commas (0.5, 0.75).</source>
        <translation>Stufenplan: Anteile des Trainings, aufsteigend, durch Kommas getrennt (0.5, 0.75).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step: times</source>
        <translation>Stufen: mal</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>at</source>
        <translation>bei</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mean over the batch</source>
        <translation>Mittelwert über den Batch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sum over the batch (airbench)</source>
        <translation>Summe über den Batch (airbench)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A summed loss makes the gradient grow with the batch; airbench&apos;s rates expect it.</source>
        <translation>Ein summierter Loss lässt den Gradienten mit dem Batch wachsen; die Raten von airbench setzen das voraus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss:</source>
        <translation>Loss:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>BatchNorm biases learn this many times faster, with the same absolute weight decay.</source>
        <translation>BatchNorm-Biases lernen so viel schneller, mit demselben absoluten Weight Decay.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BN bias rate ×:</source>
        <translation>BN-Bias-Rate ×:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lookahead every</source>
        <translation>Lookahead alle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pull the weights towards a slow moving average every few steps (airbench94).</source>
        <translation>Zieht die Gewichte alle paar Schritte zu einem langsamen gleitenden Mittel (airbench94).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> steps</source>
        <translation> Schritte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First epoch with lookahead (0 = the first).</source>
        <translation>Erste Epoche mit Lookahead (0 = die erste).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>from epoch</source>
        <translation>ab Epoche</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Averaging:</source>
        <translation>Mittelung:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drop the last incomplete batch of each epoch</source>
        <translation>Letzten unvollständigen Batch jeder Epoche verwerfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every step then sees a full batch (BatchNorm statistics stay comparable).</source>
        <translation>Jeder Schritt sieht dann einen vollen Batch (BatchNorm-Statistiken bleiben vergleichbar).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>airbench only: every layer this many times as wide (the best preset uses %1).</source>
        <translation>Nur airbench: jede Schicht so viel breiter (die Voreinstellung best nutzt %1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Width ×:</source>
        <translation>Breite ×:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>airbench only: convolutions per conv group. 3 adds airbench96&apos;s residual third convolution to each group (about 1.4 times the arithmetic of 2).</source>
        <translation>Nur airbench: Faltungen je Faltungsgruppe. 3 ergänzt jede Gruppe um die residuale dritte Faltung von airbench96 (etwa das 1,4-Fache der Rechenarbeit von 2).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Convolutions per group:</source>
        <translation>Faltungen je Gruppe:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 (single network)</source>
        <translation>1 (ein Netz)</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Train this many independently initialized copies of the network side by side, each by its own loss, and predict with their mean softmax. Each copy costs a full network&apos;s time and memory (the best preset trains %n).</source>
        <translation>
            <numerusform>So viele unabhängig initialisierte Kopien des Netzes nebeneinander trainieren, jede mit ihrem eigenen Verlust, und mit ihrem mittleren Softmax vorhersagen. Jede Kopie kostet die Zeit und den Speicher eines ganzen Netzes (die Voreinstellung best trainiert %n).</numerusform>
            <numerusform>So viele unabhängig initialisierte Kopien des Netzes nebeneinander trainieren, jede mit ihrem eigenen Verlust, und mit ihrem mittleren Softmax vorhersagen. Jede Kopie kostet die Zeit und den Speicher eines ganzen Netzes (die Voreinstellung best trainiert %n).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ensemble:</source>
        <translation>Ensemble:</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+9"/>
        <source>the same for every member</source>
        <translation>für alle Mitglieder dieselbe</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+9"/>
        <source>each member its own</source>
        <translation>für jedes Mitglied eine eigene</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Ensembles: whether every member sees the same flips, shifts and cutouts of a batch, or each draws its own (more different members; the first draws what a single network would).</source>
        <translation>Ensembles: ob alle Mitglieder dieselben Spiegelungen, Verschiebungen und Cutouts eines Batches sehen oder jedes eigene zieht (verschiedenere Mitglieder; das erste zieht, was ein einzelnes Netz ziehen würde).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Members&apos; augmentation:</source>
        <translation>Augmentierung der Mitglieder:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ensembles: whether every member trains on the same images in the same order, or each shuffles the training set its own way every epoch (the first keeps a single network&apos;s order). Training accuracy then scores each member on its own images.</source>
        <translation>Ensembles: ob alle Mitglieder auf denselben Bildern in derselben Reihenfolge trainieren oder jedes die Trainingsmenge in jeder Epoche auf seine eigene Weise mischt (das erste behält die Reihenfolge eines einzelnen Netzes). Die Trainingsgenauigkeit bewertet dann jedes Mitglied auf seinen eigenen Bildern.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Members&apos; data order:</source>
        <translation>Datenreihenfolge der Mitglieder:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ensembles: each member&apos;s training target takes this share from the other members&apos; mean prediction of the same image, the rest from its label (online co-distillation). Needs the same data order for every member.</source>
        <translation>Ensembles: Das Trainingsziel jedes Mitglieds nimmt diesen Anteil aus der mittleren Vorhersage der anderen Mitglieder für dasselbe Bild, den Rest aus seinem Label (Online-Ko-Destillation). Setzt dieselbe Datenreihenfolge für alle Mitglieder voraus.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Members learn from each other:</source>
        <translation>Mitglieder lernen voneinander:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>image and mirror</source>
        <translation>Bild und Spiegelbild</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mirror and 1-pixel shifts (6 views)</source>
        <translation>Spiegelbild und 1-Pixel-Verschiebungen (6 Ansichten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test-time augmentation of the final evaluation: the logits of these views are averaged. The per-epoch evaluations stay single-view.</source>
        <translation>Testzeit-Augmentierung der abschließenden Auswertung: Die Logits dieser Ansichten werden gemittelt. Die Auswertungen nach jeder Epoche bleiben bei einer Ansicht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Final evaluation:</source>
        <translation>Abschließende Auswertung:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Images per batch when evaluating (no gradients: larger is faster).</source>
        <translation>Bilder pro Batch bei der Auswertung (ohne Gradienten: größer ist schneller).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluation batch:</source>
        <translation>Auswertungs-Batch:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep every epoch&apos;s checkpoint</source>
        <translation>Checkpoint jeder Epoche behalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Otherwise only the latest and the best checkpoint are kept.</source>
        <translation>Sonst werden nur der neueste und der beste Checkpoint behalten.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Step milestones: expected fractions of training separated by commas, such as 0.5, 0.75</source>
        <translation>Stufen-Meilensteine: erwartet werden durch Kommas getrennte Anteile des Trainings, etwa 0.5, 0.75</translation>
    </message>
</context>
<context>
    <name>cifarlab::ConfusionMatrixWidget</name>
    <message>
        <location filename="../ui/confusion_matrix_widget.cpp" line="+259"/>
        <source>1 image</source>
        <translation>1 Bild</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 images</source>
        <translation>%1 Bilder</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>True: %1
Predicted: %2
%3 (%4 of true %1, %5 of predicted %2)</source>
        <translation>Tatsächlich: %1
Vorhergesagt: %2
%3 (%4 aller tatsächlichen %1, %5 aller als %2 vorhergesagten)</translation>
    </message>
    <message>
        <location line="+92"/>
        <location line="+476"/>
        <source>Correct</source>
        <translation>Richtig</translation>
    </message>
    <message>
        <location line="-476"/>
        <location line="+477"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="-540"/>
        <location line="+349"/>
        <source>No confusion matrix yet</source>
        <translation>Noch keine Konfusionsmatrix</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Too small to show the matrix</source>
        <translation>Zu klein, um die Matrix anzuzeigen</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>Predicted class</source>
        <translation>Vorhergesagte Klasse</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>True class</source>
        <translation>Tatsächliche Klasse</translation>
    </message>
    <message>
        <location line="-644"/>
        <location line="+703"/>
        <source>Confusion matrix</source>
        <translation>Konfusionsmatrix</translation>
    </message>
</context>
<context>
    <name>cifarlab::ConfusionTab</name>
    <message>
        <location filename="../ui/confusion_tab.cpp" line="+67"/>
        <location line="+212"/>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <location line="-211"/>
        <location line="+211"/>
        <source>Train</source>
        <translation>Training</translation>
    </message>
    <message>
        <location line="-210"/>
        <source>Which split&apos;s predictions the matrix counts</source>
        <translation>Aus welcher Teilmenge die Matrix die Vorhersagen zählt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Counts</source>
        <translation>Anzahlen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normalized by true class (recall)</source>
        <translation>Normiert auf die tatsächliche Klasse (Recall)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Normalized by predicted class (precision)</source>
        <translation>Normiert auf die vorhergesagte Klasse (Präzision)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export...</source>
        <translation>Exportieren...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the matrix as a PNG or SVG image</source>
        <translation>Die Matrix als PNG- oder SVG-Bild speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Split:</source>
        <translation>Teil&amp;menge:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Show:</source>
        <translation>An&amp;zeigen:</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Accuracy and precision per class</source>
        <translation>Genauigkeit und Präzision je Klasse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+36"/>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <location line="-34"/>
        <location line="+34"/>
        <source>True class</source>
        <translation>Tatsächliche Klasse</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Share of this class&apos;s images predicted correctly (recall)</source>
        <translation>Anteil der Bilder dieser Klasse, die richtig vorhergesagt wurden (Recall)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of the predictions of this class that were right</source>
        <translation>Anteil der Vorhersagen dieser Klasse, die richtig waren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of images of this class in the split</source>
        <translation>Anzahl der Bilder dieser Klasse in der Teilmenge</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Most confused pairs</source>
        <translation>Am häufigsten verwechselte Paare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The largest mistakes of the shown epoch and split. Click a pair to see its images.</source>
        <translation>Die häufigsten Fehler der gezeigten Epoche und Aufteilung. Klicken Sie auf ein Paar, um seine Bilder zu sehen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Predicted as</source>
        <translation>Vorhergesagt als</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>%1 accuracy: &lt;b&gt;%2&lt;/b&gt; (%3 of %4 images)</source>
        <translation>Genauigkeit (%1): &lt;b&gt;%2&lt;/b&gt; (%3 von %4 Bildern)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 accuracy: &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>Genauigkeit (%1): &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>%1 of the %2 %3 images were predicted as %4. Click to see them.</source>
        <translation>%1 der %2 Bilder der Klasse %3 wurden als %4 vorhergesagt. Klicken, um sie zu sehen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Most confused: no mistakes</source>
        <translation>Am häufigsten verwechselt: keine Fehler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Most confused</source>
        <translation>Am häufigsten verwechselt</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+5"/>
        <source>Export Confusion Matrix</source>
        <translation>Konfusionsmatrix exportieren</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>PNG-Bild (*.png);;SVG-Bild (*.svg)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>cifarlab::EmbeddingTab</name>
    <message>
        <location filename="../ui/embedding_tab.cpp" line="+102"/>
        <location line="+603"/>
        <source>All (%1)</source>
        <translation>Alle (%1)</translation>
    </message>
    <message>
        <location line="-570"/>
        <location line="+421"/>
        <location line="+13"/>
        <source>t-SNE</source>
        <translation>t-SNE</translation>
    </message>
    <message>
        <location line="-432"/>
        <source>Keeps each image&apos;s nearest neighbours close: clusters show what the network groups together (distances between clusters mean little). A few seconds for 2,000 images; at most 5,000.</source>
        <translation>Hält die nächsten Nachbarn jedes Bildes beieinander: Cluster zeigen, was das Netz zusammen sieht (Abstände zwischen Clustern sagen wenig). Einige Sekunden für 2.000 Bilder; höchstens 5.000.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+416"/>
        <location line="+11"/>
        <source>PCA</source>
        <translation>PCA</translation>
    </message>
    <message>
        <location line="-425"/>
        <source>The two directions along which the features vary most: a faithful but crowded linear view. Takes a moment.</source>
        <translation>Die zwei Richtungen, in denen die Merkmale am stärksten variieren: eine getreue, aber gedrängte lineare Ansicht. Dauert einen Augenblick.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How the features are projected to two dimensions</source>
        <translation>Wie die Merkmale auf zwei Dimensionen projiziert werden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meth&amp;od:</source>
        <translation>Meth&amp;ode:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>How many test images to map, the same number from each class. t-SNE&apos;s time grows with the square of this number.</source>
        <translation>Wie viele Testbilder abgebildet werden, gleich viele aus jeder Klasse. Die Dauer von t-SNE wächst mit dem Quadrat dieser Zahl.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ima&amp;ges:</source>
        <translation>Bil&amp;der:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>t-SNE: about how many neighbours each image keeps close (5 to 50 is usual; larger shows more global structure)</source>
        <translation>t-SNE: etwa wie viele Nachbarn jedes Bild nahe bei sich hält (5 bis 50 ist üblich; größer zeigt mehr globale Struktur)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Perplexity:</source>
        <translation>&amp;Perplexität:</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+490"/>
        <source>Comp&amp;ute</source>
        <translation>&amp;Berechnen</translation>
    </message>
    <message>
        <location line="-488"/>
        <source>Map the test images with the run&apos;s latest checkpoint</source>
        <translation>Die Testbilder mit dem neuesten Checkpoint des Laufs abbilden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Progress of the map</source>
        <translation>Fortschritt der Karte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop computing the map</source>
        <translation>Die Berechnung der Karte abbrechen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>True class</source>
        <translation>Wahre Klasse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Predicted class</source>
        <translation>Vorhergesagte Klasse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour each image by its true class or by the class the network predicted</source>
        <translation>Jedes Bild nach seiner wahren Klasse oder nach der vom Netz vorhergesagten Klasse färben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colou&amp;r by:</source>
        <translation>Fä&amp;rben nach:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Highlight mi&amp;sclassified</source>
        <translation>Fal&amp;sch klassifizierte hervorheben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outline the misclassified images and fade the rest</source>
        <translation>Falsch klassifizierte Bilder umranden und die übrigen abblenden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reset View</source>
        <translation>Ansicht zurücksetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit the whole map (also a double-click on it, or 0)</source>
        <translation>Die ganze Karte einpassen (auch per Doppelklick darauf oder mit 0)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>E&amp;xport...</source>
        <translation>E&amp;xportieren...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the map as CSV (each image&apos;s classes, position and neighbours) or as a PNG or SVG image</source>
        <translation>Die Karte als CSV (Klassen, Position und Nachbarn jedes Bildes) oder als PNG- oder SVG-Bild speichern</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>Cancelling...</source>
        <translation>Wird abgebrochen...</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>True class:</source>
        <translation>Wahre Klasse:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Predicted:</source>
        <translation>Vorhergesagt:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidence:</source>
        <translation>Konfidenz:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show in Images Tab</source>
        <translation>Im Tab „Bilder“ zeigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The image&apos;s top five classes, its history over the epochs and its Grad-CAM map</source>
        <translation>Die fünf wahrscheinlichsten Klassen des Bildes, sein Verlauf über die Epochen und seine Grad-CAM-Karte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nearest neighbours in feature space</source>
        <translation>Nächste Nachbarn im Merkmalsraum</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Extracting features</source>
        <translation>Merkmale werden extrahiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finding neighbours</source>
        <translation>Nachbarn werden gesucht</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading the checkpoint</source>
        <translation>Checkpoint wird geladen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open or train a run to map its test images by what the network learned.</source>
        <translation>Einen Lauf öffnen oder trainieren, um seine Testbilder nach dem abzubilden, was das Netz gelernt hat.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Computing the map: %1...</source>
        <translation>Karte wird berechnet: %1...</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The run&apos;s dataset is not loaded.</source>
        <translation>Der Datensatz des Laufs ist nicht geladen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The map could not be computed: %1</source>
        <translation>Die Karte konnte nicht berechnet werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled. Compute maps the test images again.</source>
        <translation>Abgebrochen. „Berechnen“ bildet die Testbilder erneut ab.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compute maps the test images by what the network learned: each image&apos;s features at the classifier&apos;s input, projected to two dimensions, so images the network sees alike land close together. PCA takes a moment; t-SNE of 2,000 images a few seconds.</source>
        <translation>„Berechnen“ bildet die Testbilder nach dem ab, was das Netz gelernt hat: die Merkmale jedes Bildes am Eingang des Klassifikators, auf zwei Dimensionen projiziert, sodass Bilder, die das Netz ähnlich sieht, nahe beieinander landen. PCA dauert einen Augenblick, t-SNE für 2.000 Bilder einige Sekunden.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>PCA of %1 test images; its axes explain %2 and %3 of the features&apos; variance</source>
        <translation>PCA von %1 Testbildern; ihre Achsen erklären %2 und %3 der Varianz der Merkmale</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>t-SNE of %1 test images (perplexity %2, %3 iterations); final KL divergence %4</source>
        <translation>t-SNE von %1 Testbildern (Perplexität %2, %3 Iterationen); KL-Divergenz am Ende %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>features: layer %1, %2 values per image</source>
        <translation>Merkmale: Schicht %1, %2 Werte pro Bild</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n-NN accuracy in feature space: %1, kept by the map: %2</source>
        <translation>
            <numerusform>%n-NN-Genauigkeit im Merkmalsraum: %1, von der Karte erhalten: %2</numerusform>
            <numerusform>%n-NN-Genauigkeit im Merkmalsraum: %1, von der Karte erhalten: %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>from %1 at epoch %2</source>
        <translation>aus %1 in Epoche %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from %1</source>
        <translation>aus %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Computing a new map; the one shown stays until it is ready.</source>
        <translation>Eine neue Karte wird berechnet; die angezeigte bleibt, bis sie fertig ist.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new map could not be computed: %1. The map shown is the earlier one.</source>
        <translation>Die neue Karte konnte nicht berechnet werden: %1. Angezeigt ist die frühere Karte.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled; the map shown is the earlier one.</source>
        <translation>Abgebrochen; angezeigt ist die frühere Karte.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Computed at epoch %1; the run has moved on to epoch %2. Compute maps its latest checkpoint.</source>
        <translation>Berechnet in Epoche %1; der Lauf ist inzwischen bei Epoche %2. „Neu berechnen“ bildet seinen neuesten Checkpoint ab.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Recomp&amp;ute</source>
        <translation>Neu &amp;berechnen</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>Click a point to see its image and its nearest neighbours.</source>
        <translation>Einen Punkt anklicken, um sein Bild und seine nächsten Nachbarn zu sehen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Image %1</source>
        <translation>Bild %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Correct</source>
        <translation>Richtig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Misclassified</source>
        <translation>Falsch klassifiziert</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Neighbour %1: %2</source>
        <translation>Nachbar %1: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%1 of %n share its true class, nearest first:</source>
        <translation>
            <numerusform>%1 von %n teilt seine wahre Klasse, der nächste zuerst:</numerusform>
            <numerusform>%1 von %n teilen seine wahre Klasse, die nächsten zuerst:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No neighbours recorded.</source>
        <translation>Keine Nachbarn erfasst.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVG image (*.svg)</source>
        <translation>SVG-Bild (*.svg)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+20"/>
        <source>Export Embedding</source>
        <translation>Einbettung exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>cifarlab::EmbeddingView</name>
    <message>
        <location filename="../ui/embedding_view.cpp" line="+51"/>
        <source>Embedding map</source>
        <translation>Einbettungskarte</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>class %1</source>
        <translation>Klasse %1</translation>
    </message>
    <message>
        <location line="+132"/>
        <location line="+390"/>
        <source>True class</source>
        <translation>Wahre Klasse</translation>
    </message>
    <message>
        <location line="-390"/>
        <location line="+390"/>
        <source>Predicted class</source>
        <translation>Vorhergesagte Klasse</translation>
    </message>
    <message>
        <location line="-195"/>
        <source>Image %1: true class %2, predicted %3 (%4), %5</source>
        <translation>Bild %1: wahre Klasse %2, vorhergesagt %3 (%4), %5</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>correct</source>
        <translation>richtig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>misclassified</source>
        <translation>falsch klassifiziert</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Image %1</source>
        <translation>Bild %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>True class: %1</source>
        <translation>Wahre Klasse: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Predicted: %1 (%2)</source>
        <translation>Vorhergesagt: %1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct</source>
        <translation>Richtig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Misclassified</source>
        <translation>Falsch klassifiziert</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No map yet</source>
        <translation>Noch keine Karte</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 of %2 test images shown in %3 classes; the arrow keys select an image</source>
        <translation>%1 von %2 Testbildern in %3 Klassen angezeigt; die Pfeiltasten wählen ein Bild</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>principal axis 1: %1 of the variance</source>
        <translation>Hauptachse 1: %1 der Varianz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>principal axis 2: %1 of the variance</source>
        <translation>Hauptachse 2: %1 der Varianz</translation>
    </message>
    <message>
        <location line="+322"/>
        <source>Show All Classes</source>
        <translation>Alle Klassen zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset View</source>
        <translation>Ansicht zurücksetzen</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%1: %n images</source>
        <translation>
            <numerusform>%1: %n Bild</numerusform>
            <numerusform>%1: %n Bilder</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Click to hide, double-click to show only this class</source>
        <translation>Klicken zum Ausblenden, Doppelklick zeigt nur diese Klasse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click to show, double-click to show only this class</source>
        <translation>Klicken zum Einblenden, Doppelklick zeigt nur diese Klasse</translation>
    </message>
</context>
<context>
    <name>cifarlab::EpochSlider</name>
    <message>
        <location filename="../ui/epoch_slider.cpp" line="+20"/>
        <source>Scrub through the run&apos;s epochs</source>
        <translation>Durch die Epochen des Laufs blättern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+64"/>
        <source>Epoch %1 of %2</source>
        <translation>Epoche %1 von %2</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>No epochs yet</source>
        <translation>Noch keine Epochen</translation>
    </message>
</context>
<context>
    <name>cifarlab::HistogramRidgeView</name>
    <message>
        <location filename="../ui/histogram_ridge_view.cpp" line="+88"/>
        <source>Epoch %1: values from %2 to %3</source>
        <translation>Epoche %1: Werte von %2 bis %3</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+56"/>
        <source>epoch %1</source>
        <translation>Epoche %1</translation>
    </message>
</context>
<context>
    <name>cifarlab::ImagesTab</name>
    <message>
        <location filename="../ui/images_tab.cpp" line="+233"/>
        <source>Test images</source>
        <translation>Testbilder</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Which test images to show</source>
        <translation>Welche Testbilder angezeigt werden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All images</source>
        <translation>Alle Bilder</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+581"/>
        <source>Misclassified</source>
        <translation>Falsch klassifiziert</translation>
    </message>
    <message>
        <location line="-580"/>
        <location line="+580"/>
        <source>Correct</source>
        <translation>Richtig</translation>
    </message>
    <message>
        <location line="-579"/>
        <source>True class is</source>
        <translation>Tatsächliche Klasse ist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Predicted as</source>
        <translation>Vorhergesagt als</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confused pair</source>
        <translation>Verwechseltes Paar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Class to filter by (the true class of a confused pair)</source>
        <translation>Klasse, nach der gefiltert wird (bei einem verwechselten Paar die tatsächliche Klasse)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>predicted as</source>
        <translation>vorhergesagt als</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Predicted class of the confused pair</source>
        <translation>Vorhergesagte Klasse des verwechselten Paars</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order of the images</source>
        <translation>Reihenfolge der Bilder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Highest loss first</source>
        <translation>Höchster Verlust zuerst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Least confident first</source>
        <translation>Geringste Konfidenz zuerst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Most confident first</source>
        <translation>Höchste Konfidenz zuerst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image index</source>
        <translation>Bildindex</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>Thumbnail size</source>
        <translation>Miniaturgröße</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Evidence for</source>
        <translation>Belege für</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Grad-CAM (Selvaraju et al. 2017): the last feature map before pooling, each channel weighted by how much it raises the class&apos;s score. Bright areas are evidence for the class.</source>
        <translation>Grad-CAM (Selvaraju et al. 2017): die letzte Merkmalskarte vor dem Pooling, jeder Kanal danach gewichtet, wie stark er die Punktzahl der Klasse erhöht. Helle Bereiche sprechen für die Klasse.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Class the Grad-CAM map explains</source>
        <translation>Klasse, die die Grad-CAM-Karte erklärt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>predicted class</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>true class</source>
        <translation>wahre Klasse</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>True class</source>
        <translation>Tatsächliche Klasse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Predicted</source>
        <translation>Vorhergesagt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+7"/>
        <source>Top 5</source>
        <translation>Top 5</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+6"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>Computing the map...</source>
        <translation>Karte wird berechnet...</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No map: %1</source>
        <translation>Keine Karte: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Layer %1 (%2 x %3), latest checkpoint.</source>
        <translation>Schicht %1 (%2 x %3), neuester Checkpoint.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing in the image raises the score of %1: the network decided by what is absent.</source>
        <translation>Nichts im Bild erhöht die Punktzahl von %1: Das Netz entschied nach dem, was fehlt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bright: evidence for %1. </source>
        <translation>Hell: Belege für %1. </translation>
    </message>
    <message>
        <location line="+123"/>
        <source>%1 of %2 images</source>
        <translation>%1 von %2 Bildern</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+49"/>
        <source>Open a dataset to browse its test images.</source>
        <translation>Öffnen Sie einen Datensatz, um seine Testbilder zu durchsuchen.</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>This dataset has no test images.</source>
        <translation>Dieser Datensatz hat keine Testbilder.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+63"/>
        <source>Predictions appear after the first epoch.</source>
        <translation>Vorhersagen erscheinen nach der ersten Epoche.</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>No %1 image was predicted as %2.</source>
        <translation>Kein Bild der Klasse %1 wurde als %2 vorhergesagt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No mistakes: every test image is classified right.</source>
        <translation>Keine Fehler: Jedes Testbild ist richtig klassifiziert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No image matches this filter.</source>
        <translation>Kein Bild entspricht diesem Filter.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Epoch %1: %2 right, %3 wrong</source>
        <translation>Epoche %1: %2 richtig, %3 falsch</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No predictions yet</source>
        <translation>Noch keine Vorhersagen</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Select an image to see its prediction, its top-5 probabilities and how it fared in every epoch.</source>
        <translation>Wählen Sie ein Bild, um seine Vorhersage, seine Top-5-Wahrscheinlichkeiten und sein Abschneiden in jeder Epoche zu sehen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select an image to see it enlarged. Predictions appear after the first epoch.</source>
        <translation>Wählen Sie ein Bild, um es vergrößert zu sehen. Vorhersagen erscheinen nach der ersten Epoche.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Image %1</source>
        <translation>Bild %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Top %1</source>
        <translation>Top %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Prediction</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The true class, %1, is not among them.</source>
        <translation>Die tatsächliche Klasse %1 ist nicht darunter.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Flipped once</source>
        <translation>Einmal umgeschlagen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Flipped %1 times</source>
        <translation>%1-mal umgeschlagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Right at epoch %1</source>
        <translation>Richtig in Epoche %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong at epoch %1</source>
        <translation>Falsch in Epoche %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Right in all %1 epochs</source>
        <translation>Richtig in allen %1 Epochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong in all %1 epochs</source>
        <translation>Falsch in allen %1 Epochen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, right since epoch %2</source>
        <translation>%1, richtig seit Epoche %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, last right at epoch %2</source>
        <translation>%1, zuletzt richtig in Epoche %2</translation>
    </message>
    <message>
        <location filename="../ui/top_classes_view.cpp" line="+16"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
</context>
<context>
    <name>cifarlab::LayerTableModel</name>
    <message>
        <location filename="../ui/layer_table_model.cpp" line="+68"/>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Multiply-adds</source>
        <translation>Multiplikationen/Additionen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>cifarlab::LiveTab</name>
    <message>
        <location filename="../ui/live_tab.cpp" line="+334"/>
        <source>Smoothing</source>
        <translation>Glättung</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exponential moving average of the per-batch curves (0 = raw)</source>
        <translation>Exponentieller gleitender Durchschnitt der Kurven pro Batch (0 = ungeglättet)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Log-scale loss</source>
        <translation>Verlust logarithmisch</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Loss per batch</source>
        <translation>Verlust pro Batch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a run to see the loss per batch</source>
        <translation>Starten Sie einen Lauf, um den Verlust pro Batch zu sehen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accuracy per batch</source>
        <translation>Genauigkeit pro Batch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a run to see the accuracy per batch</source>
        <translation>Starten Sie einen Lauf, um die Genauigkeit pro Batch zu sehen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss per epoch</source>
        <translation>Verlust pro Epoche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train and test loss appear after the first epoch</source>
        <translation>Trainings- und Testverlust erscheinen nach der ersten Epoche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accuracy per epoch</source>
        <translation>Genauigkeit pro Epoche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train and test accuracy appear after the first epoch</source>
        <translation>Trainings- und Testgenauigkeit erscheinen nach der ersten Epoche</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+10"/>
        <source>raw</source>
        <translation>roh</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+10"/>
        <source>smoothed</source>
        <translation>geglättet</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+5"/>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+2"/>
        <source>train</source>
        <translation>Training</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+2"/>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <location line="+681"/>
        <source>best %1% @ %2</source>
        <translation>beste %1% in Epoche %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Waiting for the first batch</source>
        <translation>Warten auf den ersten Batch</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Epoch %1/%2, batch %3/%4</source>
        <translation>Epoche %1/%2, Batch %3/%4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>loss %1</source>
        <translation>Verlust %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accuracy %1%</source>
        <translation>Genauigkeit %1%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lr %1</source>
        <translation>LR %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Epoch %1/%2</source>
        <translation>Epoche %1/%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>best test %1% @ %2</source>
        <translation>bester Test %1% in Epoche %2</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>epoch %1: learning rate %2</source>
        <translation>Epoche %1: Lernrate %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>epoch %1: accuracy %2%</source>
        <translation>Epoche %1: Genauigkeit %2%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>smoothed %1%</source>
        <translation>geglättet %1%</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>epoch %1: loss %2</source>
        <translation>Epoche %1: Verlust %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>smoothed %1</source>
        <translation>geglättet %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>epoch %1: train loss %2, test loss %3</source>
        <translation>Epoche %1: Trainingsverlust %2, Testverlust %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>epoch %1: train accuracy %2%, test accuracy %3%</source>
        <translation>Epoche %1: Trainingsgenauigkeit %2%, Testgenauigkeit %3%</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>CifarLab training curves</source>
        <translation>CifarLab-Trainingskurven</translation>
    </message>
</context>
<context>
    <name>cifarlab::LogTab</name>
    <message>
        <location filename="../ui/log_tab.cpp" line="+94"/>
        <location line="+2"/>
        <source>Filter the log</source>
        <translation>Protokoll filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only the lines that contain this text (case does not matter)</source>
        <translation>Nur die Zeilen zeigen, die diesen Text enthalten (Groß- und Kleinschreibung egal)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Save Log...</source>
        <translation>Protokoll &amp;speichern...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the lines shown as a text file</source>
        <translation>Die angezeigten Zeilen als Textdatei schreiben</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Run log</source>
        <translation>Laufprotokoll</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Since start</source>
        <translation>Seit Start</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local time the line was written</source>
        <translation>Ortszeit, zu der die Zeile geschrieben wurde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time since the run&apos;s first line</source>
        <translation>Zeit seit der ersten Zeile des Laufs</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>1 line</source>
        <translation>1 Zeile</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n lines</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of 1 line</source>
        <translation>%1 von 1 Zeile</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%1 of %n lines</source>
        <translation>
            <numerusform>%1 von %n Zeile</numerusform>
            <numerusform>%1 von %n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open a run in the Runs dock, or start one, to read its log.</source>
        <translation>Öffnen Sie einen Lauf im Bereich „Läufe“ oder starten Sie einen, um sein Protokoll zu lesen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run %1 has written nothing to its log yet. Runs recorded before CifarLab kept logs have none.</source>
        <translation>Lauf %1 hat noch nichts in sein Protokoll geschrieben. Läufe, die aufgezeichnet wurden, bevor CifarLab Protokolle führte, haben keines.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>run-%1-log.txt</source>
        <translation>lauf-%1-protokoll.txt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>log.txt</source>
        <translation>protokoll.txt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save Log</source>
        <translation>Protokoll speichern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Textdateien (*.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot save the log</source>
        <translation>Das Protokoll kann nicht gespeichert werden</translation>
    </message>
</context>
<context>
    <name>cifarlab::LrFinderChartView</name>
    <message>
        <location filename="../ui/lr_finder_chart_view.cpp" line="+18"/>
        <source>Learning-rate finder curve</source>
        <translation>Kurve des Lernraten-Finders</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n batches; suggested learning rate %1 (valley), %2 (steepest), %3 (minimum / 10)</source>
        <translation>
            <numerusform>%n Batch; vorgeschlagene Lernrate %1 (Tal), %2 (steilster Abfall), %3 (Minimum / 10)</numerusform>
            <numerusform>%n Batches; vorgeschlagene Lernrate %1 (Tal), %2 (steilster Abfall), %3 (Minimum / 10)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n batches recorded</source>
        <translation>
            <numerusform>%n Batch aufgezeichnet</numerusform>
            <numerusform>%n Batches aufgezeichnet</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Batch %1: learning rate %2
loss %3, smoothed %4
Click to use this rate</source>
        <translation>Batch %1: Lernrate %2
Verlust %3, geglättet %4
Klicken, um diese Rate zu verwenden</translation>
    </message>
</context>
<context>
    <name>cifarlab::LrFinderDialog</name>
    <message>
        <location filename="../ui/lr_finder_dialog.cpp" line="+74"/>
        <source>Learning-Rate Finder: %1</source>
        <translation>Lernraten-Finder: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trains a fresh %1 with this recipe for a few batches while the learning rate grows exponentially, and reads a peak rate off the loss curve (the range test of Smith, and fastai&apos;s lr_find). Nothing is recorded in the store.</source>
        <translation>Trainiert ein frisches %1 mit diesem Rezept für einige Batches, während die Lernrate exponentiell wächst, und liest eine Spitzen-Lernrate an der Verlustkurve ab (der Bereichstest von Smith, fastais lr_find). Im Speicher wird nichts aufgezeichnet.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Learning rate of the first batch.</source>
        <translation>Lernrate des ersten Batches.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Learning rate of the last batch; the sweep stops earlier once the loss blows up.</source>
        <translation>Lernrate des letzten Batches; der Durchlauf endet früher, sobald der Verlust explodiert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Batches in the sweep: more give a smoother curve and take longer.</source>
        <translation>Batches im Durchlauf: mehr ergeben eine glattere Kurve und dauern länger.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>in</source>
        <translation>in</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>batches of %n images</source>
        <translation>
            <numerusform>Batches zu %n Bild</numerusform>
            <numerusform>Batches zu %n Bildern</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+221"/>
        <source>Run</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location line="-206"/>
        <source>Learning rate to use</source>
        <translation>Zu verwendende Lernrate</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The middle of the longest stretch where the loss keeps falling (fastai&apos;s default).</source>
        <translation>Die Mitte des längsten Abschnitts, in dem der Verlust weiter fällt (Standard von fastai).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where the loss falls fastest per decade of learning rate (preselected: of the three it trained best on CIFAR-10, with SGD and with AdamW).</source>
        <translation>Wo der Verlust pro Dekade der Lernrate am schnellsten fällt (vorausgewählt: von den dreien trainierte sie auf CIFAR-10 am besten, mit SGD und mit AdamW).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A tenth of the rate at the lowest loss: well before the blow-up (preselected when the steepest fall lies at the bottom of the curve, at the brink of the blow-up).</source>
        <translation>Ein Zehntel der Rate beim niedrigsten Verlust: deutlich vor dem Explodieren (vorausgewählt, wenn der steilste Abfall am Boden der Kurve liegt, kurz vor dem Explodieren).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Click the curve to pick any rate.</source>
        <translation>Klicken Sie auf die Kurve, um eine beliebige Rate zu wählen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Use Learning Rate</source>
        <translation>Lernrate übernehmen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save Chart...</source>
        <translation>Diagramm speichern...</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Save Learning-Rate Finder Chart</source>
        <translation>Diagramm des Lernraten-Finders speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg);;PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save Chart</source>
        <translation>Diagramm speichern</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>%1 on %2 %3 batch %4 %3 %5 %3 %n batches</source>
        <translation>
            <numerusform>%1 auf %2 %3 Batchgröße %4 %3 %5 %3 %n Batch</numerusform>
            <numerusform>%1 auf %2 %3 Batchgröße %4 %3 %5 %3 %n Batches</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The first learning rate is not a number.</source>
        <translation>Die erste Lernrate ist keine Zahl.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The last learning rate is not a number.</source>
        <translation>Die letzte Lernrate ist keine Zahl.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The last learning rate must be above the first, and both above 0.</source>
        <translation>Die letzte Lernrate muss über der ersten liegen, beide über 0.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load a dataset first.</source>
        <translation>Laden Sie zuerst einen Datensatz.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Building the network and starting the sweep...</source>
        <translation>Netz wird aufgebaut und der Durchlauf gestartet...</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Batch %1 of %2: learning rate %3, loss %4</source>
        <translation>Batch %1 von %2: Lernrate %3, Verlust %4</translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>Stopped after %n batches.</source>
        <translation>
            <numerusform>Nach %n Batch gestoppt.</numerusform>
            <numerusform>Nach %n Batches gestoppt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The loss blew up at learning rate %1 after %n batches.</source>
        <translation>
            <numerusform>Der Verlust explodierte bei Lernrate %1 nach %n Batch.</numerusform>
            <numerusform>Der Verlust explodierte bei Lernrate %1 nach %n Batches.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Swept the whole range in %n batches.</source>
        <translation>
            <numerusform>Den ganzen Bereich in %n Batch durchlaufen.</numerusform>
            <numerusform>Den ganzen Bereich in %n Batches durchlaufen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sweep could not run: %1</source>
        <translation>Der Durchlauf konnte nicht laufen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 Too few batches to read a learning rate off: sweep more batches or a wider range.</source>
        <translation>%1 Zu wenige Batches, um eine Lernrate abzulesen: mehr Batches oder einen breiteren Bereich durchlaufen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2 s) Pick a rate below and click Use Learning Rate, or click the curve.</source>
        <translation>%1 (%2 s) Wählen Sie unten eine Rate und klicken Sie auf „Lernrate übernehmen“, oder klicken Sie auf die Kurve.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Valley: %1</source>
        <translation>Tal: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steepest: %1</source>
        <translation>Steilster Abfall: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum %1 10: %2</source>
        <translation>Minimum %1 10: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On the curve: %1</source>
        <translation>Auf der Kurve: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sets the form&apos;s learning rate to %1.</source>
        <translation>Setzt die Lernrate des Formulars auf %1.</translation>
    </message>
</context>
<context>
    <name>cifarlab::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="+128"/>
        <source>Starting</source>
        <translation>Wird gestartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training</source>
        <translation>Training läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped (checkpoint saved)</source>
        <translation>Gestoppt (Checkpoint gespeichert)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1248"/>
        <location line="+71"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="-1318"/>
        <source>Diverged</source>
        <translation>Divergiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>CifarLab</source>
        <translation>CifarLab</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;Live</source>
        <translation>&amp;Live</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Confusion</source>
        <translation>&amp;Konfusionsmatrix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Images</source>
        <translation>&amp;Bilder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Weights</source>
        <translation>&amp;Gewichte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each layer&apos;s weights, gradients and step sizes, epoch by epoch</source>
        <translation>Gewichte, Gradienten und Schrittweiten jeder Schicht, Epoche für Epoche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Embedding</source>
        <translation>&amp;Einbettung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The test images mapped by what the network learned (t-SNE or PCA of its features)</source>
        <translation>Die Testbilder, abgebildet nach dem, was das Netz gelernt hat (t-SNE oder PCA seiner Merkmale)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L&amp;og</source>
        <translation>Pr&amp;otokoll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the run said as it went: data loading, the changes a time budget or the memory limit made, warnings, pauses and its outcome</source>
        <translation>Was der Lauf unterwegs meldete: das Laden der Daten, die Änderungen durch ein Zeitbudget oder die Speichergrenze, Warnungen, Pausen und sein Ergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Co&amp;mpare</source>
        <translation>Vergle&amp;ich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The runs selected in the Runs dock side by side (Ctrl+K)</source>
        <translation>Die im Bereich „Läufe“ ausgewählten Läufe nebeneinander (Strg+K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dataset</source>
        <translation>Daten&amp;satz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Architecture</source>
        <translation>A&amp;rchitektur</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Images are shown for the test split only</source>
        <translation>Bilder werden nur für die Testmenge angezeigt</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Run %1 could not be resumed; use Start Over to train the job again.</source>
        <translation>Lauf %1 konnte nicht fortgesetzt werden; verwenden Sie „Neu beginnen“, um den Auftrag erneut zu trainieren.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>A queued job was interrupted when CifarLab quit: resume it or start it over in the Queue dock.</source>
        <translation>Ein Auftrag aus der Warteschlange wurde beim Beenden von CifarLab unterbrochen: Setzen Sie ihn im Bereich „Warteschlange“ fort oder beginnen Sie ihn neu.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open Dataset File...</source>
        <translation>Datensatz-Datei ö&amp;ffnen...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Dataset &amp;Folder...</source>
        <translation>Datensatz-&amp;Ordner öffnen...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Download CIFAR-10...</source>
        <translation>CIFAR-10 herunter&amp;laden...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Evaluate Checkpoint...</source>
        <translation>Checkpoint a&amp;uswerten...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Classify Images...</source>
        <translation>Bilder &amp;klassifizieren...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Classify your own image files with the run shown (or the evaluated checkpoint)</source>
        <translation>Eigene Bilddateien mit dem angezeigten Lauf (oder dem ausgewerteten Checkpoint) klassifizieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport Current View...</source>
        <translation>Aktuelle Ansicht e&amp;xportieren...</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export Runs as &amp;Bundle...</source>
        <translation>Läufe als &amp;Paket exportieren...</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the runs selected in the Runs dock, with metrics and checkpoints, as one file</source>
        <translation>Die im Bereich „Läufe“ ausgewählten Läufe mit Metriken und Checkpoints als eine Datei speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import Bundle...</source>
        <translation>Paket &amp;importieren...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the runs of a .cifarlab.zip bundle to the run history</source>
        <translation>Die Läufe eines .cifarlab.zip-Pakets zur Lauf-Historie hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Training</source>
        <translation>&amp;Training</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;top (save checkpoint)</source>
        <translation>S&amp;toppen (Checkpoint speichern)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add to &amp;Queue</source>
        <translation>Zur &amp;Warteschlange hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add Se&amp;veral to Queue...</source>
        <translation>&amp;Mehrere zur Warteschlange hinzufügen...</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1379"/>
        <source>R&amp;un Queue</source>
        <translation>Warteschlange st&amp;arten</translation>
    </message>
    <message>
        <location line="-1373"/>
        <source>Stop Queue After &amp;Current Run</source>
        <translation>Warteschlange nach aktuellem &amp;Lauf stoppen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About CifarLab</source>
        <translation>Über &amp;CifarLab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Datasets found on this computer</source>
        <translation>Auf diesem Rechner gefundene Datensätze</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open File...</source>
        <translation>Datei öffnen...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a CIFAR .tar.gz or an ImageFolder .zip</source>
        <translation>Ein CIFAR-.tar.gz oder ein ImageFolder-.zip öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Folder...</source>
        <translation>Ordner öffnen...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a CIFAR binary, ImageFolder or MNIST/IDX folder</source>
        <translation>Einen CIFAR-Binär-, ImageFolder- oder MNIST/IDX-Ordner öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+628"/>
        <source>Download CIFAR-10</source>
        <translation>CIFAR-10 herunterladen</translation>
    </message>
    <message>
        <location line="-627"/>
        <source>Fetch CIFAR-10 (163 MB) from its publisher and verify its checksum</source>
        <translation>CIFAR-10 (163 MB) vom Herausgeber herunterladen und die Prüfsumme verifizieren</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Architectures</source>
        <translation>Architekturen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 M params · %2 MB · %3 M MACs</source>
        <translation>%1 Mio. Parameter · %2 MB · %3 Mio. MACs</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Training recipe</source>
        <translation>Trainingsrezept</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start training (Ctrl+Return)</source>
        <translation>Training starten (Strg+Eingabe)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1224"/>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <location line="-1222"/>
        <source>Pause at the next batch (Ctrl+P); click again to resume (Ctrl+Shift+P)</source>
        <translation>Beim nächsten Batch pausieren (Strg+P); erneut klicken zum Fortsetzen (Strg+Umschalt+P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop after this batch and save a checkpoint to resume from (Ctrl+.)</source>
        <translation>Nach diesem Batch stoppen und einen Checkpoint zum späteren Fortsetzen speichern (Strg+.)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add to Queue</source>
        <translation>Zur Warteschlange hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1226"/>
        <source>Queue this recipe to train after the current run (Ctrl+Shift+Return); the arrow adds several architectures and presets at once</source>
        <translation>Dieses Rezept in die Warteschlange stellen, um es nach dem aktuellen Lauf zu trainieren (Strg+Umschalt+Eingabe); der Pfeil fügt mehrere Architekturen und Vorgaben auf einmal hinzu</translation>
    </message>
    <message>
        <location line="-1222"/>
        <source>Add Current Recipe</source>
        <translation>Aktuelles Rezept hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add Several...</source>
        <translation>Mehrere hinzufügen...</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>No run yet</source>
        <translation>Noch kein Lauf</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Pick a dataset and an architecture, then click Start.</source>
        <translation>Wählen Sie einen Datensatz und eine Architektur und klicken Sie dann auf „Starten“.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No dataset loaded</source>
        <translation>Kein Datensatz geladen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pick a dataset on the left, or open a CIFAR binary folder/.tar.gz, an ImageFolder folder/.zip or an MNIST-style IDX folder.</source>
        <translation>Wählen Sie links einen Datensatz oder öffnen Sie einen CIFAR-Binärordner/.tar.gz, einen ImageFolder-Ordner/.zip oder einen IDX-Ordner im MNIST-Format.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Train images</source>
        <translation>Trainingsbilder</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Test images</source>
        <translation>Testbilder</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Images per class</source>
        <translation>Bilder pro Klasse</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sample test images</source>
        <translation>Beispiel-Testbilder</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sample of the test images</source>
        <translation>Stichprobe der Testbilder</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Training images as the recipe augments them</source>
        <translation>Trainingsbilder, wie das Rezept sie augmentiert</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Per-layer summary</source>
        <translation>Übersicht pro Schicht</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export Diagram...</source>
        <translation>Diagramm exportieren...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the block diagram as PNG, SVG or PDF</source>
        <translation>Das Blockdiagramm als PNG, SVG oder PDF speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export Diagram</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVG (*.svg);;PNG (*.png);;PDF (*.pdf)</source>
        <translation>SVG (*.svg);;PNG (*.png);;PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+832"/>
        <location line="+896"/>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <location line="-1728"/>
        <location line="+832"/>
        <source>Could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <location line="-742"/>
        <source>Loading %1...</source>
        <translation>%1 wird geladen...</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+1"/>
        <source>Could not load the dataset</source>
        <translation>Der Datensatz konnte nicht geladen werden</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Loaded %1 in %2 s</source>
        <translation>%1 in %2 s geladen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 training and %2 test images, %3 x %4 pixels, %5 channel(s), %6 classes. Format: %7. Source: %8
Training mean per channel: %9; std: %10</source>
        <translation>%1 Trainings- und %2 Testbilder, %3 x %4 Pixel, %5 Kanal/Kanäle, %6 Klassen. Format: %7. Quelle: %8
Mittelwert pro Kanal (Training): %9; Standardabweichung: %10</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Test image %1: %2</source>
        <translation>Testbild %1: %2</translation>
    </message>
    <message>
        <location line="+106"/>
        <location line="+217"/>
        <source>%1, %2x as wide</source>
        <translation>%1, %2-mal so breit</translation>
    </message>
    <message>
        <location line="-214"/>
        <source>%1, ensemble of %2</source>
        <translation>%1, Ensemble aus %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>At %1x width the convolution groups are %2 channels wide.</source>
        <translation>Bei %1-facher Breite sind die Faltungsgruppen %2 Kanäle breit.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An ensemble of %1 such networks, trained side by side and averaged: the totals below count all of them, the layers one.</source>
        <translation>Ein Ensemble aus %1 solchen Netzen, nebeneinander trainiert und gemittelt: die Summen unten zählen alle, die Schichten eines.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1
Input %2 x %3 x %4, %5 classes: %6 trainable parameters, %7 MB, %8 million multiply-adds per image, %9 layers.</source>
        <translation>%1
Eingabe %2 x %3 x %4, %5 Klassen: %6 trainierbare Parameter, %7 MB, %8 Millionen Multiplikationen/Additionen pro Bild, %9 Schichten.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot build %1 for this input: %2</source>
        <translation>%1 kann für diese Eingabe nicht gebaut werden: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open Dataset</source>
        <translation>Datensatz öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Datasets (*.zip *.tar.gz *.tgz);;All files (*)</source>
        <translation>Datensätze (*.zip *.tar.gz *.tgz);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open Dataset Folder</source>
        <translation>Datensatz-Ordner öffnen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Downloading CIFAR-10 into %1...</source>
        <translation>CIFAR-10 wird nach %1 heruntergeladen...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Downloading CIFAR-10: %1 of %2 MB</source>
        <translation>CIFAR-10 wird heruntergeladen: %1 von %2 MB</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Download failed</source>
        <translation>Download fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>

You can also open a local copy with File &gt; Open.</source>
        <translation>

Sie können auch eine lokale Kopie über Datei &gt; Öffnen laden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No dataset</source>
        <translation>Kein Datensatz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open the dataset to evaluate on first.</source>
        <translation>Öffnen Sie zuerst den Datensatz, auf dem ausgewertet werden soll.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Evaluate Checkpoint</source>
        <translation>Checkpoint auswerten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>...</source>
        <translation>...</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>dataset mean/std</source>
        <translation>Mittelwert/Std.-Abw. des Datensatzes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>per-image standardization (the original study)</source>
        <translation>Standardisierung pro Bild (ursprüngliche Studie)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checkpoint:</source>
        <translation>Checkpoint:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Architecture:</source>
        <translation>Architektur:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mirror</source>
        <translation>Spiegelbild</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mirror and 1-pixel shifts (6 views)</source>
        <translation>Spiegelbild und 1-Pixel-Verschiebungen (6 Ansichten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average the predictions of flipped and shifted copies of each test image, as the fast and best presets do for their final number.</source>
        <translation>Mittelt die Vorhersagen gespiegelter und verschobener Kopien jedes Testbilds, wie es die Voreinstellungen fast und best für ihr Endergebnis tun.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preprocessing:</source>
        <translation>Vorverarbeitung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test-time augmentation:</source>
        <translation>Testzeit-Augmentierung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dataset:</source>
        <translation>Datensatz:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checkpoints (*.pt *.pth *.ckpt *.tar);;All files (*)</source>
        <translation>Checkpoints (*.pt *.pth *.ckpt *.tar);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>no dataset is loaded</source>
        <translation>es ist kein Datensatz geladen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Evaluating %1...</source>
        <translation>%1 wird ausgewertet...</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Evaluation failed</source>
        <translation>Auswertung fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Evaluation: %1 (%2)</source>
        <translation>Auswertung: %1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>test accuracy: %1% on %2 images, loss %3, %4 s</source>
        <translation>Testgenauigkeit: %1% auf %2 Bildern, Verlust %3, %4 s</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>test accuracy: %1%</source>
        <translation>Testgenauigkeit: %1%</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The map needs the run&apos;s checkpoint, written at the end of each epoch.</source>
        <translation>Die Karte braucht den Checkpoint des Laufs, der am Ende jeder Epoche geschrieben wird.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The run cannot be read: %1</source>
        <translation>Der Lauf kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open a run or evaluate a checkpoint to see where its network looked.</source>
        <translation>Öffnen Sie einen Lauf oder werten Sie einen Checkpoint aus, um zu sehen, wohin sein Netz geschaut hat.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The run&apos;s dataset is not loaded.</source>
        <translation>Der Datensatz des Laufs ist nicht geladen.</translation>
    </message>
    <message>
        <location line="+73"/>
        <location line="+53"/>
        <source>The run&apos;s dataset is not loaded yet.</source>
        <translation>Der Datensatz des Laufs ist noch nicht geladen.</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>run %1&apos;s latest checkpoint</source>
        <translation>dem neuesten Checkpoint von Lauf %1</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Mapped %1 test images</source>
        <translation>%1 Testbilder abgebildet</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export View</source>
        <translation>Ansicht exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG (*.png);;SVG (*.svg)</source>
        <translation>PNG (*.png);;SVG (*.svg)</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+896"/>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <location line="-891"/>
        <source>About CifarLab</source>
        <translation>Über CifarLab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;CifarLab %1&lt;/h3&gt;&lt;p&gt;Train, watch and compare image classifiers on your own machine.&lt;/p&gt;&lt;p&gt;Built with Qt %2 and LibTorch. Runs are stored in&lt;br&gt;&lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;CifarLab %1&lt;/h3&gt;&lt;p&gt;Bildklassifikatoren auf dem eigenen Rechner trainieren, beobachten und vergleichen.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2 und LibTorch. Läufe werden gespeichert in&lt;br&gt;&lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The language changes the next time CifarLab starts.</source>
        <translation>Die Sprache ändert sich beim nächsten Start von CifarLab.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading the dataset and building the network...</source>
        <translation>Datensatz wird geladen und Netz wird aufgebaut...</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Stopping after this batch and saving a checkpoint...</source>
        <translation>Stoppe nach diesem Batch und speichere einen Checkpoint...</translation>
    </message>
    <message>
        <location line="+380"/>
        <source>1 epoch</source>
        <translation>1 Epoche</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 epochs</source>
        <translation>%1 Epochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · %2 on %3 · best test accuracy %4% (epoch %5) · %6</source>
        <translation>%1 · %2 auf %3 · beste Testgenauigkeit %4% (Epoche %5) · %6</translation>
    </message>
    <message>
        <location line="-1134"/>
        <location line="+886"/>
        <location line="+539"/>
        <source>A run is in progress.</source>
        <translation>Ein Lauf ist im Gange.</translation>
    </message>
    <message>
        <location line="-557"/>
        <source>Learning-rate finder: %1</source>
        <translation>Lernraten-Finder: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Learning rate set to %1 from the learning-rate finder</source>
        <translation>Lernrate aus dem Lernraten-Finder auf %1 gesetzt</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+48"/>
        <source>The dataset is still loading.</source>
        <translation>Der Datensatz wird noch geladen.</translation>
    </message>
    <message>
        <location line="-48"/>
        <location line="+48"/>
        <source>Open a dataset first.</source>
        <translation>Öffnen Sie zuerst einen Datensatz.</translation>
    </message>
    <message>
        <location line="-46"/>
        <location line="+48"/>
        <source>Pick an architecture.</source>
        <translation>Wählen Sie eine Architektur.</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Pa&amp;use Queue</source>
        <translation>Warteschlange p&amp;ausieren</translation>
    </message>
    <message>
        <location line="+46"/>
        <location line="+159"/>
        <source>Run %1: %2</source>
        <translation>Lauf %1: %2</translation>
    </message>
    <message>
        <location line="-132"/>
        <location line="+224"/>
        <source>epoch %1/%2 · %p%</source>
        <translation>Epoche %1/%2 · %p%</translation>
    </message>
    <message>
        <location line="-223"/>
        <source>batch %1/%2 · loss %3 · acc %4% · %5 img/s · elapsed %6 · ETA %7</source>
        <translation>Batch %1/%2 · Verlust %3 · Genauigkeit %4% · %5 Bilder/s · vergangen %6 · Rest %7</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Epoch %1: test accuracy %2%, train accuracy %3%</source>
        <translation>Epoche %1: Testgenauigkeit %2%, Trainingsgenauigkeit %3%</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Paused: %1</source>
        <translation>Pausiert: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 · final test accuracy %2% · best %3% · %4</source>
        <translation>%1 · finale Testgenauigkeit %2% · beste %3% · %4</translation>
    </message>
    <message>
        <location line="-194"/>
        <location line="+209"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="-226"/>
        <source>Classify Images: run %1 has no checkpoint yet (one is written at the end of each epoch).</source>
        <translation>Bilder klassifizieren: Lauf %1 hat noch keinen Checkpoint (einer wird am Ende jeder Epoche geschrieben).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Run %1: %2 on %3, best test accuracy %4</source>
        <translation>Lauf %1: %2 auf %3, beste Testgenauigkeit %4</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Classify Images: open a run (or evaluate a checkpoint) to classify images with it.</source>
        <translation>Bilder klassifizieren: Öffnen Sie einen Lauf (oder werten Sie einen Checkpoint aus), um damit Bilder zu klassifizieren.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Classify Images: %1</source>
        <translation>Bilder klassifizieren: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Classify Images: the run&apos;s dataset is not loaded.</source>
        <translation>Bilder klassifizieren: Der Datensatz des Laufs ist nicht geladen.</translation>
    </message>
    <message>
        <location line="+219"/>
        <location line="+13"/>
        <source>Cannot open the run</source>
        <translation>Der Lauf kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Showing run %1; the training in progress continues in the background</source>
        <translation>Lauf %1 wird angezeigt; das laufende Training geht im Hintergrund weiter</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>The run&apos;s dataset %1 is not available; its images cannot be shown</source>
        <translation>Der Datensatz %1 des Laufs ist nicht verfügbar; seine Bilder können nicht angezeigt werden</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1 · best test accuracy %2%</source>
        <translation>%1 · beste Testgenauigkeit %2%</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot follow run %1: %2</source>
        <translation>Lauf %1 kann nicht verfolgt werden: %2</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>A run is in progress</source>
        <translation>Ein Lauf ist im Gange</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stop the current run before resuming another one.</source>
        <translation>Stoppen Sie den aktuellen Lauf, bevor Sie einen anderen fortsetzen.</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+9"/>
        <source>Cannot use the run&apos;s settings</source>
        <translation>Die Einstellungen des Laufs können nicht übernommen werden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The settings of run %1 are in the form: press Start to train again</source>
        <translation>Die Einstellungen von Lauf %1 stehen im Formular: Mit „Start“ erneut trainieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The settings of run %1 are in the form; its architecture and dataset can be chosen when the current training ends</source>
        <translation>Die Einstellungen von Lauf %1 stehen im Formular; seine Architektur und sein Datensatz lassen sich wählen, wenn das laufende Training endet</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The settings of run %1 are in the form, but its dataset %2 is not available: open a dataset, then press Start</source>
        <translation>Die Einstellungen von Lauf %1 stehen im Formular, aber sein Datensatz %2 ist nicht verfügbar: Datensatz öffnen, dann „Start“ drücken</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Select the runs to compare in the Runs dock (Ctrl+click or Shift+click)</source>
        <translation>Wählen Sie die zu vergleichenden Läufe im Bereich „Läufe“ aus (Strg+Klick oder Umschalt+Klick)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot queue this recipe: %1</source>
        <translation>Dieses Rezept kann nicht in die Warteschlange gestellt werden: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Queued %1 (%n job(s) waiting)</source>
        <translation>
            <numerusform>%1 in die Warteschlange gestellt (%n Auftrag wartet)</numerusform>
            <numerusform>%1 in die Warteschlange gestellt (%n Aufträge warten)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot queue these jobs: %1</source>
        <translation>Diese Aufträge können nicht in die Warteschlange gestellt werden: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+39"/>
        <source>Queued %n job(s)</source>
        <translation>
            <numerusform>%n Auftrag in die Warteschlange gestellt</numerusform>
            <numerusform>%n Aufträge in die Warteschlange gestellt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Some jobs were not queued</source>
        <translation>Einige Aufträge wurden nicht in die Warteschlange gestellt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot queue jobs</source>
        <translation>Aufträge können nicht in die Warteschlange gestellt werden</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The dataset %1 does not exist.</source>
        <translation>Der Datensatz %1 existiert nicht.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading %1 for the queued job %2...</source>
        <translation>%1 wird für den Auftrag %2 aus der Warteschlange geladen...</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>The queue is done: %n run(s) trained, selected in the Runs dock (Ctrl+K compares them)</source>
        <translation>
            <numerusform>Die Warteschlange ist abgearbeitet: %n Lauf trainiert, im Bereich „Läufe“ ausgewählt (Strg+K vergleicht ihn)</numerusform>
            <numerusform>Die Warteschlange ist abgearbeitet: %n Läufe trainiert, im Bereich „Läufe“ ausgewählt (Strg+K vergleicht sie)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No runs selected</source>
        <translation>Keine Läufe ausgewählt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Select the runs to export in the Runs dock first.</source>
        <translation>Wählen Sie zuerst die zu exportierenden Läufe im Bereich „Läufe“ aus.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+63"/>
        <location line="+7"/>
        <source>Export Runs as Bundle</source>
        <translation>Läufe als Paket exportieren</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>CifarLab bundles (*.cifarlab.zip)</source>
        <translation>CifarLab-Pakete (*.cifarlab.zip)</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+89"/>
        <location line="+5"/>
        <source>Import Bundle</source>
        <translation>Paket importieren</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>CifarLab bundles (*.cifarlab.zip);;Zip files (*.zip)</source>
        <translation>CifarLab-Pakete (*.cifarlab.zip);;Zip-Dateien (*.zip)</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+43"/>
        <source>Another bundle is being written or read; wait for it to finish.</source>
        <translation>Ein anderes Paket wird gerade geschrieben oder gelesen; warten Sie, bis der Vorgang abgeschlossen ist.</translation>
    </message>
    <message numerus="yes">
        <location line="-35"/>
        <source>Writing %n run(s) to %1...</source>
        <translation>
            <numerusform>%n Lauf wird nach %1 geschrieben...</numerusform>
            <numerusform>%n Läufe werden nach %1 geschrieben...</numerusform>
        </translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Reading %1...</source>
        <translation>%1 wird gelesen...</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Import failed</source>
        <translation>Import fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Imported %n run(s); they are selected in the Runs dock</source>
        <translation>
            <numerusform>%n Lauf importiert; er ist im Bereich „Läufe“ ausgewählt</numerusform>
            <numerusform>%n Läufe importiert; sie sind im Bereich „Läufe“ ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Training in progress</source>
        <translation>Training läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A run is training. Stop it (a checkpoint is saved, so it can be resumed later) and quit?</source>
        <translation>Ein Lauf trainiert gerade. Soll er gestoppt (ein Checkpoint wird gespeichert, sodass er später fortgesetzt werden kann) und das Programm beendet werden?</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stopping and saving a checkpoint before quitting...</source>
        <translation>Stoppe und speichere vor dem Beenden einen Checkpoint...</translation>
    </message>
</context>
<context>
    <name>cifarlab::PredictionDelegate</name>
    <message>
        <location filename="../ui/prediction_delegate.cpp" line="+147"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>✓</source>
        <translation>✓</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>✓ %1</source>
        <translation>✓ %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>cifarlab::PredictionModel</name>
    <message>
        <location filename="../ui/prediction_model.cpp" line="+63"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Image %1
True class: %2</source>
        <translation>Bild %1
Tatsächliche Klasse: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
Predicted: %1</source>
        <translation>
Vorhergesagt: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (%1%)</source>
        <translation> (%1%)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>
Loss: %1</source>
        <translation>
Verlust: %1</translation>
    </message>
    <message>
        <location line="+252"/>
        <source>class %1</source>
        <translation>Klasse %1</translation>
    </message>
</context>
<context>
    <name>cifarlab::QueueBatchDialog</name>
    <message>
        <location filename="../ui/training_queue.cpp" line="+688"/>
        <source>Add Several to the Queue</source>
        <translation>Mehrere zur Warteschlange hinzufügen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tick the architecture and recipe pairs to train; each becomes one job, on the dataset that is open now. &quot;Current recipe&quot; is the form on the left.</source>
        <translation>Kreuzen Sie die Paare aus Architektur und Rezept an, die trainiert werden sollen; jedes wird ein Auftrag auf dem gerade geöffneten Datensatz. „Aktuelles Rezept“ ist das Formular links.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Current recipe</source>
        <translation>Aktuelles Rezept</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>current recipe</source>
        <translation>aktuelles Rezept</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 with %2</source>
        <translation>%1 mit %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>as the recipe says</source>
        <translation>laut Rezept</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train every job for this many epochs instead of its recipe&apos;s (0 = the recipe&apos;s)</source>
        <translation>Jeden Auftrag so viele Epochen lang trainieren statt der im Rezept angegebenen (0 = laut Rezept)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Epochs:</source>
        <translation>&amp;Epochen:</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>1 job will be added.</source>
        <translation>1 Auftrag wird hinzugefügt.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 jobs will be added.</source>
        <translation>%1 Aufträge werden hinzugefügt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add 1 Job</source>
        <translation>1 Auftrag hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add %1 Jobs</source>
        <translation>%1 Aufträge hinzufügen</translation>
    </message>
</context>
<context>
    <name>cifarlab::QueuePanel</name>
    <message>
        <location line="-722"/>
        <source> (run %1)</source>
        <translation> (Lauf %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training</source>
        <translation>trainiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>1 epoch, batch %1</source>
        <translation>1 Epoche, Batchgröße %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 epochs, batch %2</source>
        <translation>%1 Epochen, Batchgröße %2</translation>
    </message>
    <message>
        <location line="+385"/>
        <location line="+184"/>
        <source>Run Queue</source>
        <translation>Warteschlange starten</translation>
    </message>
    <message>
        <location line="-184"/>
        <location line="+187"/>
        <source>Train the waiting jobs one after another</source>
        <translation>Die wartenden Aufträge nacheinander trainieren</translation>
    </message>
    <message>
        <location line="-186"/>
        <source>Stop After Current</source>
        <translation>Nach aktuellem Lauf stoppen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Let the current run finish, then pause the queue</source>
        <translation>Den aktuellen Lauf zu Ende trainieren lassen, dann die Warteschlange pausieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move the selected job up (Ctrl+Up)</source>
        <translation>Den ausgewählten Auftrag nach oben verschieben (Strg+Pfeil nach oben)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move the selected job down (Ctrl+Down)</source>
        <translation>Den ausgewählten Auftrag nach unten verschieben (Strg+Pfeil nach unten)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove the selected job (Delete)</source>
        <translation>Den ausgewählten Auftrag entfernen (Entf)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run Again</source>
        <translation>Erneut ausführen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Put a failed, stopped or interrupted job back in the queue</source>
        <translation>Einen fehlgeschlagenen, gestoppten oder unterbrochenen Auftrag wieder in die Warteschlange stellen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add the current recipe, or several architectures and presets at once</source>
        <translation>Das aktuelle Rezept oder mehrere Architekturen und Vorgaben auf einmal hinzufügen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add Current Recipe</source>
        <translation>Aktuelles Rezept hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add Several...</source>
        <translation>Mehrere hinzufügen...</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Continue the interrupted run from its checkpoint, then the rest of the queue</source>
        <translation>Den unterbrochenen Lauf ab seinem Checkpoint fortsetzen, danach den Rest der Warteschlange</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start Over</source>
        <translation>Neu beginnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train the interrupted job again from the beginning</source>
        <translation>Den unterbrochenen Auftrag noch einmal von vorn trainieren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Training queue</source>
        <translation>Trainingswarteschlange</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recipe</source>
        <translation>Rezept</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Cannot resume the job</source>
        <translation>Der Auftrag kann nicht fortgesetzt werden</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 with the %2 recipe</source>
        <translation>%1 mit dem Rezept %2</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 (run %2)</source>
        <translation>%1 (Lauf %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 was interrupted when CifarLab quit.</source>
        <translation>%1 wurde beim Beenden von CifarLab unterbrochen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use &quot;Add to Queue&quot; next to Start, or Add here, to queue training runs.</source>
        <translation>Stellen Sie Trainingsläufe mit „Zur Warteschlange hinzufügen“ neben „Starten“ oder hier mit „Hinzufügen“ in die Warteschlange.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>running, 1 waits</source>
        <translation>läuft, 1 wartet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>running, %1 wait</source>
        <translation>läuft, %1 warten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The jobs train one after another; the queue pauses when you stop a run.</source>
        <translation>Die Aufträge werden nacheinander trainiert; die Warteschlange pausiert, wenn Sie einen Lauf stoppen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paused, 1 waits</source>
        <translation>pausiert, 1 wartet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>paused, %1 wait</source>
        <translation>pausiert, %1 warten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click Run Queue to train the waiting jobs one after another.</source>
        <translation>Klicken Sie auf „Warteschlange starten“, um die wartenden Aufträge nacheinander zu trainieren.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Pause Queue</source>
        <translation>Warteschlange pausieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start no further job; the current run trains on</source>
        <translation>Keinen weiteren Auftrag starten; der aktuelle Lauf trainiert weiter</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Cannot remove the job</source>
        <translation>Der Auftrag kann nicht entfernt werden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The job is training; stop it first.</source>
        <translation>Der Auftrag trainiert gerade; stoppen Sie ihn zuerst.</translation>
    </message>
</context>
<context>
    <name>cifarlab::RunsPanel</name>
    <message>
        <location filename="../ui/runs_panel.cpp" line="+41"/>
        <source>created</source>
        <translation>angelegt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>diverged</source>
        <translation>divergiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Best test</source>
        <translation>Bester Test</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click a run to open it; Ctrl+click or Shift+click several and press Ctrl+K to compare them; right-click to resume, rename, export or delete.</source>
        <translation>Doppelklick öffnet einen Lauf; mehrere mit Strg+Klick oder Umschalt+Klick auswählen und Strg+K drücken, um sie zu vergleichen; Rechtsklick zum Fortsetzen, Umbenennen, Exportieren oder Löschen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The run history is unavailable: %1</source>
        <translation>Die Lauf-Historie ist nicht verfügbar: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Compare Selected Runs</source>
        <translation>Ausgewählte Läufe &amp;vergleichen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the selected runs side by side in the Compare tab (Ctrl+K)</source>
        <translation>Die ausgewählten Läufe im Tab „Vergleich“ nebeneinander anzeigen (Strg+K)</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Cannot read the run history: %1</source>
        <translation>Die Lauf-Historie kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Run %1, %2
%3</source>
        <translation>Lauf %1, %2
%3</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classify Images...</source>
        <translation>Bilder klassifizieren...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume training</source>
        <translation>Training fortsetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train Again with These Settings</source>
        <translation>Mit diesen Einstellungen erneut trainieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename...</source>
        <translation>Umbenennen...</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export %1 Runs as Bundle...</source>
        <translation>%1 Läufe als Paket exportieren...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export as Bundle...</source>
        <translation>Als Paket exportieren...</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete %1 runs...</source>
        <translation>%1 Läufe löschen...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete...</source>
        <translation>Löschen...</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rename Run</source>
        <translation>Lauf umbenennen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot rename the run</source>
        <translation>Der Lauf kann nicht umbenannt werden</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Delete Runs</source>
        <translation>Läufe löschen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete %n run(s) with their metrics and checkpoints? This cannot be undone.</source>
        <translation>
            <numerusform>%n Lauf mit seinen Metriken und Checkpoints löschen? Dies kann nicht rückgängig gemacht werden.</numerusform>
            <numerusform>%n Läufe mit ihren Metriken und Checkpoints löschen? Dies kann nicht rückgängig gemacht werden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot delete the run</source>
        <translation>Der Lauf kann nicht gelöscht werden</translation>
    </message>
</context>
<context>
    <name>cifarlab::TrainingQueue</name>
    <message>
        <location filename="../ui/training_queue.cpp" line="-496"/>
        <source>The queue is paused.</source>
        <translation>Die Warteschlange ist pausiert.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This job cannot be resumed now.</source>
        <translation>Dieser Auftrag kann jetzt nicht fortgesetzt werden.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>CifarLab quit while this job was training; its run kept a checkpoint to resume from.</source>
        <translation>CifarLab wurde beendet, während dieser Auftrag trainierte; sein Lauf hat einen Checkpoint zum Fortsetzen behalten.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The queue paused because its run was stopped.</source>
        <translation>Die Warteschlange wurde pausiert, weil ihr Lauf gestoppt wurde.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The queue paused after the current run, as asked.</source>
        <translation>Die Warteschlange wurde wie gewünscht nach dem aktuellen Lauf pausiert.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>The job could not be started.</source>
        <translation>Der Auftrag konnte nicht gestartet werden.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>CifarLab ended while this job was training.</source>
        <translation>CifarLab wurde beendet, während dieser Auftrag trainierte.</translation>
    </message>
</context>
<context>
    <name>cifarlab::WeightsTab</name>
    <message>
        <location filename="../ui/weights_tab.cpp" line="+127"/>
        <source>Update ratio per step</source>
        <translation>Änderungsrate pro Schritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+52"/>
        <source>Gradient RMS</source>
        <translation>Gradienten-RMS</translation>
    </message>
    <message>
        <location line="-51"/>
        <location line="+51"/>
        <source>Weight RMS</source>
        <translation>Gewichts-RMS</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>Weight standard deviation</source>
        <translation>Standardabweichung der Gewichte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the History column colours, epoch by epoch, on a log scale shared by all rows.
Update ratio: how far one optimizer step moves the weights, relative to their size
(around 1e-3 is typical for SGD; far below, the layer barely learns; far above, it
is unstable).</source>
        <translation>Was die Spalte „Verlauf“ Epoche für Epoche einfärbt, auf einer für alle Zeilen gemeinsamen Log-Skala.
Änderungsrate: wie weit ein Optimierungsschritt die Gewichte bewegt, relativ zu ihrer Größe
(um 1e-3 ist für SGD üblich; weit darunter lernt die Schicht kaum; weit darüber ist sie
instabil).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Colour by:</source>
        <translation>&amp;Färben nach:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Biases and normalization</source>
        <translation>&amp;Biases und Normalisierung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also list the one-dimensional parameters: biases and normalization scales</source>
        <translation>Auch die eindimensionalen Parameter auflisten: Biases und Normalisierungsskalen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export...</source>
        <translation>Exportieren...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save every parameter&apos;s statistics at every epoch as CSV, or this view as a PNG image</source>
        <translation>Die Statistiken aller Parameter in jeder Epoche als CSV oder diese Ansicht als PNG-Bild speichern</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The History column&apos;s colours, on a log scale; hatched: no value (a frozen parameter)</source>
        <translation>Die Farben der Spalte „Verlauf“ auf einer Log-Skala; schraffiert: kein Wert (ein eingefrorener Parameter)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Parameter</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Update ratio</source>
        <translation>Änderungsrate</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Root mean square of the gradient, averaged over the steps sampled in the epoch</source>
        <translation>Quadratisches Mittel des Gradienten, gemittelt über die in der Epoche erfassten Schritte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>|weights after a step - before| / |weights before|, averaged over the sampled steps</source>
        <translation>|Gewichte nach einem Schritt - davor| / |Gewichte davor|, gemittelt über die erfassten Schritte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chosen measure at every epoch; click an epoch to show it</source>
        <translation>Die gewählte Größe in jeder Epoche; eine Epoche anklicken, um sie anzuzeigen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Weight histograms</source>
        <translation>Histogramme der Gewichte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Gradient histograms</source>
        <translation>Histogramme der Gradienten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weights at the end of each epoch</source>
        <translation>Gewichte am Ende jeder Epoche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gradients at the last sampled step of each epoch</source>
        <translation>Gradienten im letzten erfassten Schritt jeder Epoche</translation>
    </message>
    <message>
        <location line="+179"/>
        <source>No weight statistics yet. Every training run records them at the end of each epoch: the weights of each layer, its gradients and how far each step moves it.</source>
        <translation>Noch keine Gewichtsstatistiken. Jeder Trainingslauf zeichnet sie am Ende jeder Epoche auf: die Gewichte jeder Schicht, ihre Gradienten und wie weit jeder Schritt sie bewegt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No weight statistics for this run: it is an evaluated checkpoint, or it was trained before CifarLab recorded them.</source>
        <translation>Keine Gewichtsstatistiken für diesen Lauf: Es ist ein ausgewerteter Checkpoint, oder er wurde trainiert, bevor CifarLab sie aufzeichnete.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>%1 values</source>
        <translation>%1 Werte</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+2"/>
        <source>frozen</source>
        <translation>eingefroren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 at epoch %2</source>
        <translation>%1 in Epoche %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>from %1 to %2</source>
        <translation>von %1 bis %2</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+4"/>
        <source>Select a parameter</source>
        <translation>Einen Parameter auswählen</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>No gradient in this epoch: the parameter was frozen</source>
        <translation>Kein Gradient in dieser Epoche: Der Parameter war eingefroren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (not in this epoch)</source>
        <translation>%1 (nicht in dieser Epoche)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2, %3 values</source>
        <translation>%1: %2, %3 Werte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Weights: RMS %1, mean %2, standard deviation %3, from %4 to %5.</source>
        <translation>Gewichte: RMS %1, Mittelwert %2, Standardabweichung %3, von %4 bis %5.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Frozen in this epoch: no gradient, no steps.</source>
        <translation>In dieser Epoche eingefroren: kein Gradient, keine Schritte.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Gradient RMS %1 (mean of %n sampled steps); update ratio %2 per step.</source>
        <translation>
            <numerusform>Gradienten-RMS %1 (Mittel über %n erfassten Schritt); Änderungsrate %2 pro Schritt.</numerusform>
            <numerusform>Gradienten-RMS %1 (Mittel über %n erfasste Schritte); Änderungsrate %2 pro Schritt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+14"/>
        <source>Export Weight Statistics</source>
        <translation>Gewichtsstatistiken exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui_main.cpp" line="+64"/>
        <source>CifarLab: train and compare image classifiers</source>
        <translation>CifarLab: Bildklassifikatoren trainieren und vergleichen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dataset to open (folder, .zip or .tar.gz), or a .cifarlab.zip run bundle to import.</source>
        <translation>Zu öffnender Datensatz (Ordner, .zip oder .tar.gz) oder zu importierendes .cifarlab.zip-Paket mit Läufen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import the runs of this .cifarlab.zip bundle into the run history.</source>
        <translation>Die Läufe dieses .cifarlab.zip-Pakets in die Lauf-Historie importieren.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run history folder (default: CIFARLAB_HOME or the XDG data folder).</source>
        <translation>Ordner der Lauf-Historie (Standard: CIFARLAB_HOME oder der XDG-Datenordner).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open this run (id) from the store.</source>
        <translation>Diesen Lauf (ID) aus dem Speicher öffnen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Compare these runs (comma-separated ids) in the Compare tab.</source>
        <translation>Diese Läufe (kommagetrennte IDs) im Tab „Vergleich“ vergleichen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select this test image (index) in the Images tab.</source>
        <translation>Dieses Testbild (Index) im Reiter Bilder auswählen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lay the Grad-CAM map over the selected image.</source>
        <translation>Die Grad-CAM-Karte über das ausgewählte Bild legen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put this preset&apos;s recipe in the form.</source>
        <translation>Das Rezept dieser Voreinstellung in das Formular übernehmen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the learning-rate finder for the form&apos;s recipe once the dataset is loaded (with --screenshot: save the finder when its sweep ends).</source>
        <translation>Den Lernraten-Finder für das Rezept des Formulars öffnen, sobald der Datensatz geladen ist (mit --screenshot: den Finder speichern, wenn sein Durchlauf endet).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Classify this image file or folder with the opened run (repeatable; with --grad-cam the first image&apos;s map is shown; with --screenshot: save the Classify Images window).</source>
        <translation>Diese Bilddatei oder diesen Ordner mit dem geöffneten Lauf klassifizieren (wiederholbar; mit --grad-cam wird die Karte des ersten Bildes gezeigt; mit --screenshot: das Fenster „Bilder klassifizieren“ speichern).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Map the opened run&apos;s test images in the Embedding tab with this method, tsne or pca (with --select-image: select that image in the map; with --screenshot: save once the map is ready).</source>
        <translation>Die Testbilder des geöffneten Laufs im Tab „Einbettung“ mit dieser Methode abbilden, tsne oder pca (mit --select-image: dieses Bild in der Karte auswählen; mit --screenshot: speichern, sobald die Karte fertig ist).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Architecture to select.</source>
        <translation>Auszuwählende Architektur.</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Tab to show: live, confusion, images, weights, embedding, log, compare, dataset or architecture.</source>
        <translation>Anzuzeigender Tab: live, confusion, images, weights, embedding, log, compare, dataset oder architecture.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save a PNG of the window once it is ready, then quit (for docs).</source>
        <translation>Ein PNG des Fensters speichern, sobald es bereit ist, und dann beenden (für die Dokumentation).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Window size WxH (with --screenshot).</source>
        <translation>Fenstergröße WxH (mit --screenshot).</translation>
    </message>
</context>
</TS>
