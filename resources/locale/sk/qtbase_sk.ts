<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sk_SK" sourcelanguage="en">
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Uložiť</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Uložiť všetko</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Otvoriť</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Áno</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Áno pre &amp;všetky</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Nie</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>Ni&amp;e pre všetky</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Prerušiť</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Skúsiť znova</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignorovať</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zavrieť</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Zrušiť</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Zahodiť</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Pomocník</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Použiť</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Obnoviť</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Obnoviť predvolené</translation>
    </message>
</context>
<context>
    <name>QGnomeTheme</name>
    <message>
        <source>&amp;OK</source>
        <translation>&amp;OK</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Uložiť</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Zrušiť</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Zavrieť</translation>
    </message>
    <message>
        <source>Close without Saving</source>
        <translation>Zavrieť bez uloženia</translation>
    </message>
</context>
<context>
    <name>QDialogButtonBox</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>Zobraziť podrobnosti…</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Skryť podrobnosti…</translation>
    </message>
    <message>
        <source>&lt;h3&gt;About Qt&lt;/h3&gt;&lt;p&gt;This program uses Qt version %1.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;O Qt&lt;/h3&gt;&lt;p&gt;Tento program používa Qt vo verzii %1.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Qt</source>
        <translation>O Qt</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Späť</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Znova</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Vys&amp;trihnúť</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopírovať</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Vložiť</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Odstrániť</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Vybrať všetko</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Späť</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Znova</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Vys&amp;trihnúť</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopírovať</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Kopírovať umiestnenie &amp;odkazu</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Vložiť</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Odstrániť</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Vybrať všetko</translation>
    </message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message>
        <source>&amp;Select All</source>
        <translation>Vy&amp;brať všetko</translation>
    </message>
    <message>
        <source>&amp;Step up</source>
        <translation>Krok &amp;nahor</translation>
    </message>
    <message>
        <source>Step &amp;down</source>
        <translation>Krok na&amp;dol</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>Look in:</source>
        <translation>Hľadať v:</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Späť</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Prejsť späť</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Dopredu</translation>
    </message>
    <message>
        <source>Go forward</source>
        <translation>Prejsť dopredu</translation>
    </message>
    <message>
        <source>Parent Directory</source>
        <translation>Nadradený priečinok</translation>
    </message>
    <message>
        <source>Go to the parent directory</source>
        <translation>Prejsť do nadradeného priečinka</translation>
    </message>
    <message>
        <source>Create New Folder</source>
        <translation>Vytvoriť nový priečinok</translation>
    </message>
    <message>
        <source>Create a New Folder</source>
        <translation>Vytvoriť nový priečinok</translation>
    </message>
    <message>
        <source>List View</source>
        <translation>Zoznam</translation>
    </message>
    <message>
        <source>Change to list view mode</source>
        <translation>Prepnúť na zobrazenie zoznamu</translation>
    </message>
    <message>
        <source>Detail View</source>
        <translation>Podrobnosti</translation>
    </message>
    <message>
        <source>Change to detail view mode</source>
        <translation>Prepnúť na podrobné zobrazenie</translation>
    </message>
    <message>
        <source>Sidebar</source>
        <translation>Bočný panel</translation>
    </message>
    <message>
        <source>List of places and bookmarks</source>
        <translation>Zoznam miest a záložiek</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Súbory</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>Súbory typu:</translation>
    </message>
    <message>
        <source>Find Directory</source>
        <translation>Vyhľadať priečinok</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Otvoriť</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Uložiť ako</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>Priečinok:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Názov súboru:</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Otvoriť</translation>
    </message>
    <message>
        <source>&amp;Choose</source>
        <translation>&amp;Vybrať</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Uložiť</translation>
    </message>
    <message>
        <source>All Files (*)</source>
        <translation>Všetky súbory (*)</translation>
    </message>
    <message>
        <source>Show </source>
        <translation>Zobraziť </translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>P&amp;remenovať</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Odstrániť</translation>
    </message>
    <message>
        <source>Show &amp;hidden files</source>
        <translation>Zobraziť &amp;skryté súbory</translation>
    </message>
    <message>
        <source>&amp;New Folder</source>
        <translation>&amp;Nový priečinok</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Všetky súbory (*)</translation>
    </message>
    <message>
        <source>Directories</source>
        <translation>Priečinky</translation>
    </message>
    <message>
        <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
        <translation>%1
Priečinok sa nenašiel.
Skontrolujte, či ste zadali správny názov priečinka.</translation>
    </message>
    <message>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation>%1 už existuje.
Chcete ho nahradiť?</translation>
    </message>
    <message>
        <source>%1
File not found.
Please verify the correct file name was given.</source>
        <translation>%1
Súbor sa nenašiel.
Skontrolujte, či ste zadali správny názov súboru.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is write protected.
Do you want to delete it anyway?</source>
        <translation>„%1“ je chránený proti zápisu.
Chcete ho napriek tomu odstrániť?</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Nový priečinok</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Odstrániť</translation>
    </message>
    <message>
        <source>Are you sure you want to delete &apos;%1&apos;?</source>
        <translation>Naozaj chcete odstrániť „%1“?</translation>
    </message>
    <message>
        <source>Could not delete directory.</source>
        <translation>Priečinok sa nepodarilo odstrániť.</translation>
    </message>
    <message>
        <source>Recent Places</source>
        <translation>Nedávne miesta</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Odstrániť</translation>
    </message>
    <message>
        <source>Alt+Left</source>
        <translation>Alt+Left</translation>
    </message>
    <message>
        <source>Alt+Right</source>
        <translation>Alt+Right</translation>
    </message>
    <message>
        <source>Alt+Up</source>
        <translation>Alt+Up</translation>
    </message>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Hľadať v:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Súbory &amp;typu:</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Name</source>
        <translation>Názov</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Veľkosť</translation>
    </message>
    <message>
        <source>Kind</source>
        <comment>Match OS X Finder</comment>
        <translation>Druh</translation>
    </message>
    <message>
        <source>Type</source>
        <comment>All other platforms</comment>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Date Modified</source>
        <translation>Dátum zmeny</translation>
    </message>
    <message>
        <source>My Computer</source>
        <translation>Tento počítač</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Počítač</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>Jednotka</translation>
    </message>
    <message>
        <source>File Folder</source>
        <comment>Match Windows Explorer</comment>
        <translation>Priečinok súborov</translation>
    </message>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>Priečinok</translation>
    </message>
    <message>
        <source>Alias</source>
        <comment>macOS Finder</comment>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <comment>All other platforms</comment>
        <translation>Odkaz</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Neznámy</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Súbor</translation>
    </message>
</context>
<context>
    <name>QShortcut</name>
    <message>
        <source>Space</source>
        <extracomment>This and all following &quot;incomprehensible&quot; strings in QShortcut context are key names. Please use the localized names appearing on actual keyboards or whatever is commonly used.</extracomment>
        <translation>Medzerník</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Backtab</source>
        <translation>Backtab</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>Backspace</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Ins</source>
        <translation>Ins</translation>
    </message>
    <message>
        <source>Del</source>
        <translation>Del</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>SysReq</source>
        <translation>SysReq</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>End</source>
        <translation>End</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Vľavo</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Hore</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Vpravo</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Dole</translation>
    </message>
    <message>
        <source>PgUp</source>
        <translation>PgUp</translation>
    </message>
    <message>
        <source>PgDown</source>
        <translation>PgDown</translation>
    </message>
    <message>
        <source>CapsLock</source>
        <translation>CapsLock</translation>
    </message>
    <message>
        <source>NumLock</source>
        <translation>NumLock</translation>
    </message>
    <message>
        <source>ScrollLock</source>
        <translation>ScrollLock</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Ponuka</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Pomocník</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Späť</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Dopredu</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Zastaviť</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Obnoviť</translation>
    </message>
    <message>
        <source>Volume Down</source>
        <translation>Znížiť hlasitosť</translation>
    </message>
    <message>
        <source>Volume Mute</source>
        <translation>Stlmiť zvuk</translation>
    </message>
    <message>
        <source>Volume Up</source>
        <translation>Zvýšiť hlasitosť</translation>
    </message>
    <message>
        <source>Bass Boost</source>
        <translation>Zosilnenie basov</translation>
    </message>
    <message>
        <source>Bass Up</source>
        <translation>Zvýšiť basy</translation>
    </message>
    <message>
        <source>Bass Down</source>
        <translation>Znížiť basy</translation>
    </message>
    <message>
        <source>Treble Up</source>
        <translation>Zvýšiť výšky</translation>
    </message>
    <message>
        <source>Treble Down</source>
        <translation>Znížiť výšky</translation>
    </message>
    <message>
        <source>Media Play</source>
        <translation>Prehrať</translation>
    </message>
    <message>
        <source>Media Stop</source>
        <translation>Zastaviť prehrávanie</translation>
    </message>
    <message>
        <source>Media Previous</source>
        <translation>Predchádzajúca skladba</translation>
    </message>
    <message>
        <source>Media Next</source>
        <translation>Nasledujúca skladba</translation>
    </message>
    <message>
        <source>Media Record</source>
        <translation>Nahrávať</translation>
    </message>
    <message>
        <source>Media Pause</source>
        <extracomment>Media player pause button</extracomment>
        <translation>Pozastaviť</translation>
    </message>
    <message>
        <source>Toggle Media Play/Pause</source>
        <extracomment>Media player button to toggle between playing and paused</extracomment>
        <translation>Prehrať/pozastaviť</translation>
    </message>
    <message>
        <source>Home Page</source>
        <translation>Domovská stránka</translation>
    </message>
    <message>
        <source>Favorites</source>
        <translation>Obľúbené</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Hľadať</translation>
    </message>
    <message>
        <source>Standby</source>
        <translation>Pohotovostný režim</translation>
    </message>
    <message>
        <source>Open URL</source>
        <translation>Otvoriť URL</translation>
    </message>
    <message>
        <source>Launch Mail</source>
        <translation>Spustiť poštu</translation>
    </message>
    <message>
        <source>Launch Media</source>
        <translation>Spustiť prehrávač médií</translation>
    </message>
    <message>
        <source>Launch (0)</source>
        <translation>Spustiť (0)</translation>
    </message>
    <message>
        <source>Launch (1)</source>
        <translation>Spustiť (1)</translation>
    </message>
    <message>
        <source>Launch (2)</source>
        <translation>Spustiť (2)</translation>
    </message>
    <message>
        <source>Launch (3)</source>
        <translation>Spustiť (3)</translation>
    </message>
    <message>
        <source>Launch (4)</source>
        <translation>Spustiť (4)</translation>
    </message>
    <message>
        <source>Launch (5)</source>
        <translation>Spustiť (5)</translation>
    </message>
    <message>
        <source>Launch (6)</source>
        <translation>Spustiť (6)</translation>
    </message>
    <message>
        <source>Launch (7)</source>
        <translation>Spustiť (7)</translation>
    </message>
    <message>
        <source>Launch (8)</source>
        <translation>Spustiť (8)</translation>
    </message>
    <message>
        <source>Launch (9)</source>
        <translation>Spustiť (9)</translation>
    </message>
    <message>
        <source>Launch (A)</source>
        <translation>Spustiť (A)</translation>
    </message>
    <message>
        <source>Launch (B)</source>
        <translation>Spustiť (B)</translation>
    </message>
    <message>
        <source>Launch (C)</source>
        <translation>Spustiť (C)</translation>
    </message>
    <message>
        <source>Launch (D)</source>
        <translation>Spustiť (D)</translation>
    </message>
    <message>
        <source>Launch (E)</source>
        <translation>Spustiť (E)</translation>
    </message>
    <message>
        <source>Launch (F)</source>
        <translation>Spustiť (F)</translation>
    </message>
    <message>
        <source>Launch (G)</source>
        <translation>Spustiť (G)</translation>
    </message>
    <message>
        <source>Launch (H)</source>
        <translation>Spustiť (H)</translation>
    </message>
    <message>
        <source>Monitor Brightness Up</source>
        <translation>Zvýšiť jas monitora</translation>
    </message>
    <message>
        <source>Monitor Brightness Down</source>
        <translation>Znížiť jas monitora</translation>
    </message>
    <message>
        <source>Keyboard Light On/Off</source>
        <translation>Zapnúť/vypnúť podsvietenie klávesnice</translation>
    </message>
    <message>
        <source>Keyboard Brightness Up</source>
        <translation>Zvýšiť jas klávesnice</translation>
    </message>
    <message>
        <source>Keyboard Brightness Down</source>
        <translation>Znížiť jas klávesnice</translation>
    </message>
    <message>
        <source>Power Off</source>
        <translation>Vypnúť</translation>
    </message>
    <message>
        <source>Wake Up</source>
        <translation>Prebudiť</translation>
    </message>
    <message>
        <source>Eject</source>
        <translation>Vysunúť</translation>
    </message>
    <message>
        <source>Screensaver</source>
        <translation>Šetrič obrazovky</translation>
    </message>
    <message>
        <source>WWW</source>
        <translation>WWW</translation>
    </message>
    <message>
        <source>Sleep</source>
        <translation>Spánok</translation>
    </message>
    <message>
        <source>LightBulb</source>
        <translation>Žiarovka</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Obchod</translation>
    </message>
    <message>
        <source>History</source>
        <translation>História</translation>
    </message>
    <message>
        <source>Add Favorite</source>
        <translation>Pridať medzi obľúbené</translation>
    </message>
    <message>
        <source>Hot Links</source>
        <translation>Rýchle odkazy</translation>
    </message>
    <message>
        <source>Adjust Brightness</source>
        <translation>Upraviť jas</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>Financie</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Komunita</translation>
    </message>
    <message>
        <source>Back Forward</source>
        <translation>Späť/dopredu</translation>
    </message>
    <message>
        <source>Application Left</source>
        <translation>Aplikácia vľavo</translation>
    </message>
    <message>
        <source>Application Right</source>
        <translation>Aplikácia vpravo</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>Kniha</translation>
    </message>
    <message>
        <source>CD</source>
        <translation>CD</translation>
    </message>
    <message>
        <source>Calculator</source>
        <translation>Kalkulačka</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Kalendár</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Vymazať</translation>
    </message>
    <message>
        <source>Clear Grab</source>
        <translation>Zrušiť zachytenie</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zavrieť</translation>
    </message>
    <message>
        <source>Adjust contrast</source>
        <translation>Upraviť kontrast</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopírovať</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>Vystrihnúť</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Obrazovka</translation>
    </message>
    <message>
        <source>DOS</source>
        <translation>DOS</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokumenty</translation>
    </message>
    <message>
        <source>Spreadsheet</source>
        <translation>Tabuľkový procesor</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>Prehliadač</translation>
    </message>
    <message>
        <source>Game</source>
        <translation>Hra</translation>
    </message>
    <message>
        <source>Go</source>
        <translation>Prejsť</translation>
    </message>
    <message>
        <source>iTouch</source>
        <translation>iTouch</translation>
    </message>
    <message>
        <source>Logoff</source>
        <translation>Odhlásiť sa</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Trh</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Schôdza</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>Poznámka</translation>
    </message>
    <message>
        <source>Keyboard Menu</source>
        <translation>Ponuka klávesnice</translation>
    </message>
    <message>
        <source>Menu PB</source>
        <translation>Ponuka PB</translation>
    </message>
    <message>
        <source>My Sites</source>
        <translation>Moje stránky</translation>
    </message>
    <message>
        <source>News</source>
        <translation>Správy</translation>
    </message>
    <message>
        <source>Home Office</source>
        <translation>Domáca kancelária</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>Možnosť</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Vložiť</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefón</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Odpovedať</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Znova načítať</translation>
    </message>
    <message>
        <source>Rotate Windows</source>
        <translation>Otočiť okná</translation>
    </message>
    <message>
        <source>Rotation PB</source>
        <translation>Otočenie PB</translation>
    </message>
    <message>
        <source>Rotation KB</source>
        <translation>Otočenie KB</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Uložiť</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Odoslať</translation>
    </message>
    <message>
        <source>Spellchecker</source>
        <translation>Kontrola pravopisu</translation>
    </message>
    <message>
        <source>Split Screen</source>
        <translation>Rozdelená obrazovka</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Podpora</translation>
    </message>
    <message>
        <source>Task Panel</source>
        <translation>Panel úloh</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminál</translation>
    </message>
    <message>
        <source>To-do list</source>
        <translation>Zoznam úloh</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Nástroje</translation>
    </message>
    <message>
        <source>Travel</source>
        <translation>Cestovanie</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Word Processor</source>
        <translation>Textový procesor</translation>
    </message>
    <message>
        <source>XFer</source>
        <translation>XFer</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>Priblížiť</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>Oddialiť</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Neprítomný</translation>
    </message>
    <message>
        <source>Messenger</source>
        <translation>Messenger</translation>
    </message>
    <message>
        <source>WebCam</source>
        <translation>Webová kamera</translation>
    </message>
    <message>
        <source>Mail Forward</source>
        <translation>Preposlať poštu</translation>
    </message>
    <message>
        <source>Pictures</source>
        <translation>Obrázky</translation>
    </message>
    <message>
        <source>Music</source>
        <translation>Hudba</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>Batéria</translation>
    </message>
    <message>
        <source>Bluetooth</source>
        <translation>Bluetooth</translation>
    </message>
    <message>
        <source>Wireless</source>
        <translation>Bezdrôtové pripojenie</translation>
    </message>
    <message>
        <source>Ultra Wide Band</source>
        <translation>Ultra Wide Band</translation>
    </message>
    <message>
        <source>Audio Repeat</source>
        <translation>Opakovať prehrávanie</translation>
    </message>
    <message>
        <source>Audio Random Play</source>
        <translation>Náhodné prehrávanie</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>Titulky</translation>
    </message>
    <message>
        <source>Audio Cycle Track</source>
        <translation>Prepnúť zvukovú stopu</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Čas</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Vybrať</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Zobraziť</translation>
    </message>
    <message>
        <source>Top Menu</source>
        <translation>Hlavná ponuka</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Uspať</translation>
    </message>
    <message>
        <source>Hibernate</source>
        <translation>Hibernovať</translation>
    </message>
    <message>
        <source>Media Rewind</source>
        <translation>Pretočiť dozadu</translation>
    </message>
    <message>
        <source>Media Fast Forward</source>
        <translation>Pretočiť dopredu</translation>
    </message>
    <message>
        <source>Power Down</source>
        <translation>Vypnúť napájanie</translation>
    </message>
    <message>
        <source>Microphone Mute</source>
        <translation>Stlmiť mikrofón</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Červená</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Zelená</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>Žltá</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Modrá</translation>
    </message>
    <message>
        <source>Channel Up</source>
        <translation>Nasledujúci kanál</translation>
    </message>
    <message>
        <source>Channel Down</source>
        <translation>Predchádzajúci kanál</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>Programový sprievodca</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Informácie</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Nastavenia</translation>
    </message>
    <message>
        <source>Microphone Volume Up</source>
        <translation>Zvýšiť hlasitosť mikrofónu</translation>
    </message>
    <message>
        <source>Microphone Volume Down</source>
        <translation>Znížiť hlasitosť mikrofónu</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nový</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Otvoriť</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Hľadať</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Späť</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Znova</translation>
    </message>
    <message>
        <source>Print Screen</source>
        <translation>Print Screen</translation>
    </message>
    <message>
        <source>Page Up</source>
        <translation>Page Up</translation>
    </message>
    <message>
        <source>Page Down</source>
        <translation>Page Down</translation>
    </message>
    <message>
        <source>Caps Lock</source>
        <translation>Caps Lock</translation>
    </message>
    <message>
        <source>Num Lock</source>
        <translation>Num Lock</translation>
    </message>
    <message>
        <source>Number Lock</source>
        <translation>Number Lock</translation>
    </message>
    <message>
        <source>Scroll Lock</source>
        <translation>Scroll Lock</translation>
    </message>
    <message>
        <source>Insert</source>
        <translation>Insert</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Escape</source>
        <translation>Escape</translation>
    </message>
    <message>
        <source>System Request</source>
        <translation>System Request</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Áno</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Context1</source>
        <translation>Context1</translation>
    </message>
    <message>
        <source>Context2</source>
        <translation>Context2</translation>
    </message>
    <message>
        <source>Context3</source>
        <translation>Context3</translation>
    </message>
    <message>
        <source>Context4</source>
        <translation>Context4</translation>
    </message>
    <message>
        <source>Call</source>
        <extracomment>Button to start a call (note: a separate button is used to end the call)</extracomment>
        <translation>Zavolať</translation>
    </message>
    <message>
        <source>Hangup</source>
        <extracomment>Button to end a call (note: a separate button is used to start the call)</extracomment>
        <translation>Zavesiť</translation>
    </message>
    <message>
        <source>Toggle Call/Hangup</source>
        <extracomment>Button that will hang up if we&apos;re in call, or make a call if we&apos;re not.</extracomment>
        <translation>Zavolať/zavesiť</translation>
    </message>
    <message>
        <source>Flip</source>
        <translation>Preklopiť</translation>
    </message>
    <message>
        <source>Voice Dial</source>
        <extracomment>Button to trigger voice dialing</extracomment>
        <translation>Hlasové vytáčanie</translation>
    </message>
    <message>
        <source>Last Number Redial</source>
        <extracomment>Button to redial the last number called</extracomment>
        <translation>Znova vytočiť posledné číslo</translation>
    </message>
    <message>
        <source>Camera Shutter</source>
        <extracomment>Button to trigger the camera shutter (take a picture)</extracomment>
        <translation>Spúšť fotoaparátu</translation>
    </message>
    <message>
        <source>Camera Focus</source>
        <extracomment>Button to focus the camera</extracomment>
        <translation>Zaostriť fotoaparát</translation>
    </message>
    <message>
        <source>Kanji</source>
        <translation>Kanji</translation>
    </message>
    <message>
        <source>Muhenkan</source>
        <translation>Muhenkan</translation>
    </message>
    <message>
        <source>Henkan</source>
        <translation>Henkan</translation>
    </message>
    <message>
        <source>Romaji</source>
        <translation>Romaji</translation>
    </message>
    <message>
        <source>Hiragana</source>
        <translation>Hiragana</translation>
    </message>
    <message>
        <source>Katakana</source>
        <translation>Katakana</translation>
    </message>
    <message>
        <source>Hiragana Katakana</source>
        <translation>Hiragana Katakana</translation>
    </message>
    <message>
        <source>Zenkaku</source>
        <translation>Zenkaku</translation>
    </message>
    <message>
        <source>Hankaku</source>
        <translation>Hankaku</translation>
    </message>
    <message>
        <source>Zenkaku Hankaku</source>
        <translation>Zenkaku Hankaku</translation>
    </message>
    <message>
        <source>Touroku</source>
        <translation>Touroku</translation>
    </message>
    <message>
        <source>Massyo</source>
        <translation>Massyo</translation>
    </message>
    <message>
        <source>Kana Lock</source>
        <translation>Kana Lock</translation>
    </message>
    <message>
        <source>Kana Shift</source>
        <translation>Kana Shift</translation>
    </message>
    <message>
        <source>Eisu Shift</source>
        <translation>Eisu Shift</translation>
    </message>
    <message>
        <source>Eisu toggle</source>
        <translation>Eisu toggle</translation>
    </message>
    <message>
        <source>Code input</source>
        <translation>Zadanie kódu</translation>
    </message>
    <message>
        <source>Multiple Candidate</source>
        <translation>Viacero kandidátov</translation>
    </message>
    <message>
        <source>Previous Candidate</source>
        <translation>Predchádzajúci kandidát</translation>
    </message>
    <message>
        <source>Hangul</source>
        <translation>Hangul</translation>
    </message>
    <message>
        <source>Hangul Start</source>
        <translation>Hangul Start</translation>
    </message>
    <message>
        <source>Hangul End</source>
        <translation>Hangul End</translation>
    </message>
    <message>
        <source>Hangul Hanja</source>
        <translation>Hangul Hanja</translation>
    </message>
    <message>
        <source>Hangul Jamo</source>
        <translation>Hangul Jamo</translation>
    </message>
    <message>
        <source>Hangul Romaja</source>
        <translation>Hangul Romaja</translation>
    </message>
    <message>
        <source>Hangul Jeonja</source>
        <translation>Hangul Jeonja</translation>
    </message>
    <message>
        <source>Hangul Banja</source>
        <translation>Hangul Banja</translation>
    </message>
    <message>
        <source>Hangul PreHanja</source>
        <translation>Hangul PreHanja</translation>
    </message>
    <message>
        <source>Hangul PostHanja</source>
        <translation>Hangul PostHanja</translation>
    </message>
    <message>
        <source>Hangul Special</source>
        <translation>Hangul Special</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Zrušiť</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Tlačiareň</translation>
    </message>
    <message>
        <source>Execute</source>
        <translation>Vykonať</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Prehrať</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Priblíženie</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Ukončiť</translation>
    </message>
    <message>
        <source>Touchpad Toggle</source>
        <translation>Zapnúť/vypnúť touchpad</translation>
    </message>
    <message>
        <source>Touchpad On</source>
        <translation>Touchpad zapnutý</translation>
    </message>
    <message>
        <source>Touchpad Off</source>
        <translation>Touchpad vypnutý</translation>
    </message>
    <message>
        <source>Control</source>
        <translation>Control</translation>
    </message>
    <message>
        <source>Ctrl</source>
        <translation>Ctrl</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>Alt</source>
        <translation>Alt</translation>
    </message>
    <message>
        <source>Meta</source>
        <translation>Meta</translation>
    </message>
    <message>
        <source>Num</source>
        <translation>Num</translation>
    </message>
    <message>
        <source>+</source>
        <extracomment>Key separator in shortcut string</extracomment>
        <translation>+</translation>
    </message>
    <message>
        <source>F%1</source>
        <translation>F%1</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Klávesnica</translation>
    </message>
</context>
<context>
    <name>QKeySequenceEdit</name>
    <message>
        <source>Press shortcut</source>
        <translation>Stlačte klávesovú skratku</translation>
    </message>
    <message>
        <source>%1, ...</source>
        <extracomment>This text is an &quot;unfinished&quot; shortcut, expands like &quot;Ctrl+A, ...&quot;</extracomment>
        <translation>%1, ...</translation>
    </message>
</context>
<context>
    <name>QDBusTrayIcon</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>QDialog</name>
    <message>
        <source>What&apos;s This?</source>
        <translation>Čo je to?</translation>
    </message>
</context>
<context>
    <name>QWhatsThisAction</name>
    <message>
        <source>What&apos;s This?</source>
        <translation>Čo je to?</translation>
    </message>
</context>
<context>
    <name>QErrorMessage</name>
    <message>
        <source>Debug Message:</source>
        <translation>Ladiaca správa:</translation>
    </message>
    <message>
        <source>Warning:</source>
        <translation>Upozornenie:</translation>
    </message>
    <message>
        <source>Critical Error:</source>
        <translation>Kritická chyba:</translation>
    </message>
    <message>
        <source>Fatal Error:</source>
        <translation>Fatálna chyba:</translation>
    </message>
    <message>
        <source>Information:</source>
        <translation>Informácia:</translation>
    </message>
    <message>
        <source>&amp;Show this message again</source>
        <translation>&amp;Zobraziť túto správu znova</translation>
    </message>
    <message>
        <source>&amp;OK</source>
        <translation>&amp;OK</translation>
    </message>
    <message>
        <source>An error occurred</source>
        <translation>Vyskytla sa chyba</translation>
    </message>
</context>
<context>
    <name>QInputDialog</name>
    <message>
        <source>Enter a value:</source>
        <translation>Zadajte hodnotu:</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Zrušiť</translation>
    </message>
</context>
<context>
    <name>QScrollBar</name>
    <message>
        <source>Scroll here</source>
        <translation>Posunúť sem</translation>
    </message>
    <message>
        <source>Left edge</source>
        <translation>Ľavý okraj</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>Horný okraj</translation>
    </message>
    <message>
        <source>Right edge</source>
        <translation>Pravý okraj</translation>
    </message>
    <message>
        <source>Bottom</source>
        <translation>Dolný okraj</translation>
    </message>
    <message>
        <source>Page left</source>
        <translation>O stranu doľava</translation>
    </message>
    <message>
        <source>Page up</source>
        <translation>O stranu nahor</translation>
    </message>
    <message>
        <source>Page right</source>
        <translation>O stranu doprava</translation>
    </message>
    <message>
        <source>Page down</source>
        <translation>O stranu nadol</translation>
    </message>
    <message>
        <source>Scroll left</source>
        <translation>Posunúť doľava</translation>
    </message>
    <message>
        <source>Scroll up</source>
        <translation>Posunúť nahor</translation>
    </message>
    <message>
        <source>Scroll right</source>
        <translation>Posunúť doprava</translation>
    </message>
    <message>
        <source>Scroll down</source>
        <translation>Posunúť nadol</translation>
    </message>
</context>
<context>
    <name>QTabBar</name>
    <message>
        <source>Scroll Left</source>
        <translation>Posunúť doľava</translation>
    </message>
    <message>
        <source>Scroll Right</source>
        <translation>Posunúť doprava</translation>
    </message>
</context>
<context>
    <name>CloseButton</name>
    <message>
        <source>Close Tab</source>
        <translation>Zavrieť kartu</translation>
    </message>
</context>
<context>
    <name>QDockWidget</name>
    <message>
        <source>Float</source>
        <extracomment>Accessible name for button undocking a dock widget (floating state)</extracomment>
        <translation>Oddeliť</translation>
    </message>
    <message>
        <source>Undocks and re-attaches the dock widget</source>
        <translation>Oddelí ukotvený panel alebo ho znova pripojí</translation>
    </message>
    <message>
        <source>Close</source>
        <extracomment>Accessible name for button closing a dock widget</extracomment>
        <translation>Zavrieť</translation>
    </message>
    <message>
        <source>Closes the dock widget</source>
        <translation>Zavrie ukotvený panel</translation>
    </message>
</context>
<context>
    <name>QComboBox</name>
    <message>
        <source>False</source>
        <translation>Nepravda</translation>
    </message>
    <message>
        <source>True</source>
        <translation>Pravda</translation>
    </message>
    <message>
        <source>Open the combo box selection popup</source>
        <translation>Otvorí rozbaľovací zoznam s možnosťami výberu</translation>
    </message>
</context>
<context>
    <name>QUnicodeControlCharacterMenu</name>
    <message>
        <source>LRM Left-to-right mark</source>
        <translation>LRM Značka zľava doprava</translation>
    </message>
    <message>
        <source>RLM Right-to-left mark</source>
        <translation>RLM Značka sprava doľava</translation>
    </message>
    <message>
        <source>ZWJ Zero width joiner</source>
        <translation>ZWJ Spájač nulovej šírky</translation>
    </message>
    <message>
        <source>ZWNJ Zero width non-joiner</source>
        <translation>ZWNJ Nespájač nulovej šírky</translation>
    </message>
    <message>
        <source>ZWSP Zero width space</source>
        <translation>ZWSP Medzera nulovej šírky</translation>
    </message>
    <message>
        <source>LRE Start of left-to-right embedding</source>
        <translation>LRE Začiatok vkladania zľava doprava</translation>
    </message>
    <message>
        <source>RLE Start of right-to-left embedding</source>
        <translation>RLE Začiatok vkladania sprava doľava</translation>
    </message>
    <message>
        <source>LRO Start of left-to-right override</source>
        <translation>LRO Začiatok vynútenia zľava doprava</translation>
    </message>
    <message>
        <source>RLO Start of right-to-left override</source>
        <translation>RLO Začiatok vynútenia sprava doľava</translation>
    </message>
    <message>
        <source>PDF Pop directional formatting</source>
        <translation>PDF Koniec smerového formátovania</translation>
    </message>
    <message>
        <source>LRI Left-to-right isolate</source>
        <translation>LRI Izolácia zľava doprava</translation>
    </message>
    <message>
        <source>RLI Right-to-left isolate</source>
        <translation>RLI Izolácia sprava doľava</translation>
    </message>
    <message>
        <source>FSI First strong isolate</source>
        <translation>FSI Izolácia podľa prvého silného znaku</translation>
    </message>
    <message>
        <source>PDI Pop directional isolate</source>
        <translation>PDI Koniec smerovej izolácie</translation>
    </message>
    <message>
        <source>Insert Unicode control character</source>
        <translation>Vložiť riadiaci znak Unicode</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>Go Back</source>
        <translation>Späť</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Späť</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Pokračovať</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>Ď&amp;alej</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>Ď&amp;alej &gt;</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Potvrdiť</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hotovo</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Dokončiť</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Zrušiť</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Pomocník</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Pomocník</translation>
    </message>
</context>
<context>
    <name>QGuiApplication</name>
    <message>
        <source>QT_LAYOUT_DIRECTION</source>
        <comment>Translate this string to the string &apos;LTR&apos; in left-to-right languages or to &apos;RTL&apos; in right-to-left languages (such as Hebrew and Arabic) to get proper widget layout.</comment>
        <translation>LTR</translation>
    </message>
</context>
</TS>
