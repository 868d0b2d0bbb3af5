<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>LayerTableModel</name>
    <message>
        <location filename="../ui/layer_table_model.cpp" line="68"/>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../ui/layer_table_model.cpp" line="70"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../ui/layer_table_model.cpp" line="72"/>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location filename="../ui/layer_table_model.cpp" line="74"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../ui/layer_table_model.cpp" line="76"/>
        <source>Multiply-adds</source>
        <translation>Multiplikationen/Additionen</translation>
    </message>
    <message>
        <location filename="../ui/layer_table_model.cpp" line="78"/>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="74"/>
        <source>CifarLab</source>
        <translation>CifarLab</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="77"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="78"/>
        <source>&amp;Open Dataset File...</source>
        <translation>Datensatz-Datei ö&amp;ffnen...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="80"/>
        <source>Open Dataset &amp;Folder...</source>
        <translation>Datensatz-&amp;Ordner öffnen...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="82"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="86"/>
        <source>&amp;Dataset</source>
        <translation>&amp;Datensatz</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="87"/>
        <source>&amp;Architecture</source>
        <translation>&amp;Architektur</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="121"/>
        <source>Datasets</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="124"/>
        <source>Datasets found on this computer</source>
        <translation>Auf diesem Rechner gefundene Datensätze</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="127"/>
        <source>Open File...</source>
        <translation>Datei öffnen...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="128"/>
        <source>Open a CIFAR .tar.gz or an ImageFolder .zip</source>
        <translation>Ein CIFAR-.tar.gz oder ein ImageFolder-.zip öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="129"/>
        <source>Open Folder...</source>
        <translation>Ordner öffnen...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="130"/>
        <source>Open a CIFAR binary, ImageFolder or MNIST/IDX folder</source>
        <translation>Einen CIFAR-Binär-, ImageFolder- oder MNIST/IDX-Ordner öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="141"/>
        <location filename="../ui/main_window.cpp" line="144"/>
        <source>Architectures</source>
        <translation>Architekturen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="164"/>
        <source>No dataset loaded</source>
        <translation>Kein Datensatz geladen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="169"/>
        <source>Pick a dataset on the left, or open a CIFAR binary folder/.tar.gz, an ImageFolder folder/.zip or an MNIST-style IDX folder.</source>
        <translation>Wählen Sie links einen Datensatz oder öffnen Sie einen CIFAR-Binärordner/.tar.gz, einen ImageFolder-Ordner/.zip oder einen IDX-Ordner im MNIST-Format.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="175"/>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="175"/>
        <source>Train images</source>
        <translation>Trainingsbilder</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="175"/>
        <source>Test images</source>
        <translation>Testbilder</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="179"/>
        <source>Images per class</source>
        <translation>Bilder pro Klasse</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="189"/>
        <source>Sample test images</source>
        <translation>Beispiel-Testbilder</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="192"/>
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="194"/>
        <source>Sample of the test images</source>
        <translation>Stichprobe der Testbilder</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="225"/>
        <source>Per-layer summary</source>
        <translation>Übersicht pro Schicht</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="248"/>
        <source>Loading %1...</source>
        <translation>Lade %1...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="275"/>
        <location filename="../ui/main_window.cpp" line="277"/>
        <source>Could not load the dataset</source>
        <translation>Der Datensatz konnte nicht geladen werden</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="284"/>
        <source>Loaded %1 in %2 s</source>
        <translation>%1 in %2 s geladen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="294"/>
        <source>%1 training and %2 test images, %3 x %4 pixels, %5 channel(s), %6 classes. Format: %7. Source: %8
Training mean per channel: %9; std: %10</source>
        <translation>%1 Trainings- und %2 Testbilder, %3 x %4 Pixel, %5 Kanal/Kanäle, %6 Klassen. Format: %7. Quelle: %8
Mittelwert pro Kanal (Training): %9; Standardabweichung: %10</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="326"/>
        <source>Test image %1: %2</source>
        <translation>Testbild %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="362"/>
        <source>%1
Input %2 x %3 x %4, %5 classes: %6 trainable parameters, %7 MB, %8 million multiply-adds per image, %9 layers.</source>
        <translation>%1
Eingabe %2 x %3 x %4, %5 Klassen: %6 trainierbare Parameter, %7 MB, %8 Millionen Multiplikationen/Additionen pro Bild, %9 Schichten.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="375"/>
        <source>Cannot build %1 for this input: %2</source>
        <translation>%1 kann für diese Eingabe nicht gebaut werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="381"/>
        <source>Open Dataset</source>
        <translation>Datensatz öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="382"/>
        <source>Datasets (*.zip *.tar.gz *.tgz);;All files (*)</source>
        <translation>Datensätze (*.zip *.tar.gz *.tgz);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="389"/>
        <source>Open Dataset Folder</source>
        <translation>Datensatz-Ordner öffnen</translation>
    </message>
</context>
</TS>
