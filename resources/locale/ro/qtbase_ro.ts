<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ro_RO" sourcelanguage="en">
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salvează</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Salvează tot</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Deschide</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Da</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Da pentru &amp;toate</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Nu</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>N&amp;u pentru toate</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Abandonează</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reîncearcă</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignoră</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Închide</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anulează</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Renunță</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Ajutor</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Aplică</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Resetează</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Restabilește valorile implicite</translation>
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
        <translation>&amp;Salvează</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Anulează</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>Î&amp;nchide</translation>
    </message>
    <message>
        <source>Close without Saving</source>
        <translation>Închide fără a salva</translation>
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
        <translation>Arată detaliile...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Ascunde detaliile...</translation>
    </message>
    <message>
        <source>&lt;h3&gt;About Qt&lt;/h3&gt;&lt;p&gt;This program uses Qt version %1.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Despre Qt&lt;/h3&gt;&lt;p&gt;Acest program folosește Qt versiunea %1.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Qt</source>
        <translation>Despre Qt</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Anulează</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Refă</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Taie</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiază</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Lipește</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Șterge</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Selectează tot</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Anulează</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Refă</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Taie</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiază</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Copiază a&amp;dresa legăturii</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Lipește</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Șterge</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Selectează tot</translation>
    </message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message>
        <source>&amp;Select All</source>
        <translation>&amp;Selectează tot</translation>
    </message>
    <message>
        <source>&amp;Step up</source>
        <translation>&amp;Mărește</translation>
    </message>
    <message>
        <source>Step &amp;down</source>
        <translation>Mi&amp;cșorează</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>Look in:</source>
        <translation>Caută în:</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Înapoi</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Mergi înapoi</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Înainte</translation>
    </message>
    <message>
        <source>Go forward</source>
        <translation>Mergi înainte</translation>
    </message>
    <message>
        <source>Parent Directory</source>
        <translation>Directorul părinte</translation>
    </message>
    <message>
        <source>Go to the parent directory</source>
        <translation>Mergi la directorul părinte</translation>
    </message>
    <message>
        <source>Create New Folder</source>
        <translation>Creează un dosar nou</translation>
    </message>
    <message>
        <source>Create a New Folder</source>
        <translation>Creează un dosar nou</translation>
    </message>
    <message>
        <source>List View</source>
        <translation>Vizualizare listă</translation>
    </message>
    <message>
        <source>Change to list view mode</source>
        <translation>Comută la vizualizarea listă</translation>
    </message>
    <message>
        <source>Detail View</source>
        <translation>Vizualizare detaliată</translation>
    </message>
    <message>
        <source>Change to detail view mode</source>
        <translation>Comută la vizualizarea detaliată</translation>
    </message>
    <message>
        <source>Sidebar</source>
        <translation>Bară laterală</translation>
    </message>
    <message>
        <source>List of places and bookmarks</source>
        <translation>Lista locurilor și a semnelor de carte</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Fișiere</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>Fișiere de tipul:</translation>
    </message>
    <message>
        <source>Find Directory</source>
        <translation>Caută directorul</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Deschide</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Salvează ca</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>Director:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Nume fișier:</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Deschide</translation>
    </message>
    <message>
        <source>&amp;Choose</source>
        <translation>&amp;Alege</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Salvează</translation>
    </message>
    <message>
        <source>All Files (*)</source>
        <translation>Toate fișierele (*)</translation>
    </message>
    <message>
        <source>Show </source>
        <translation>Arată </translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Redenumește</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>Ș&amp;terge</translation>
    </message>
    <message>
        <source>Show &amp;hidden files</source>
        <translation>Arată fișierele &amp;ascunse</translation>
    </message>
    <message>
        <source>&amp;New Folder</source>
        <translation>Dosar &amp;nou</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Toate fișierele (*)</translation>
    </message>
    <message>
        <source>Directories</source>
        <translation>Directoare</translation>
    </message>
    <message>
        <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
        <translation>%1
Directorul nu a fost găsit.
Verificați dacă numele directorului este corect.</translation>
    </message>
    <message>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation>%1 există deja.
Doriți să îl înlocuiți?</translation>
    </message>
    <message>
        <source>%1
File not found.
Please verify the correct file name was given.</source>
        <translation>%1
Fișierul nu a fost găsit.
Verificați dacă numele fișierului este corect.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is write protected.
Do you want to delete it anyway?</source>
        <translation>„%1” este protejat la scriere.
Doriți să îl ștergeți oricum?</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Dosar nou</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Șterge</translation>
    </message>
    <message>
        <source>Are you sure you want to delete &apos;%1&apos;?</source>
        <translation>Sigur doriți să ștergeți „%1”?</translation>
    </message>
    <message>
        <source>Could not delete directory.</source>
        <translation>Directorul nu a putut fi șters.</translation>
    </message>
    <message>
        <source>Recent Places</source>
        <translation>Locuri recente</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Elimină</translation>
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
        <translation>&amp;Caută în:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Fișiere de &amp;tipul:</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Name</source>
        <translation>Nume</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dimensiune</translation>
    </message>
    <message>
        <source>Kind</source>
        <comment>Match OS X Finder</comment>
        <translation>Tip</translation>
    </message>
    <message>
        <source>Type</source>
        <comment>All other platforms</comment>
        <translation>Tip</translation>
    </message>
    <message>
        <source>Date Modified</source>
        <translation>Data modificării</translation>
    </message>
    <message>
        <source>My Computer</source>
        <translation>Computerul meu</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Computer</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>Unitate</translation>
    </message>
    <message>
        <source>File Folder</source>
        <comment>Match Windows Explorer</comment>
        <translation>Dosar de fișiere</translation>
    </message>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>Dosar</translation>
    </message>
    <message>
        <source>Alias</source>
        <comment>macOS Finder</comment>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <comment>All other platforms</comment>
        <translation>Legătură simbolică</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Necunoscut</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fișier</translation>
    </message>
</context>
<context>
    <name>QShortcut</name>
    <message>
        <source>Space</source>
        <extracomment>This and all following &quot;incomprehensible&quot; strings in QShortcut context are key names. Please use the localized names appearing on actual keyboards or whatever is commonly used.</extracomment>
        <translation>Spațiu</translation>
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
        <translation>Stânga</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Sus</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Dreapta</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Jos</translation>
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
        <translation>Meniu</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Ajutor</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Înapoi</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Înainte</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Oprire</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Reîmprospătare</translation>
    </message>
    <message>
        <source>Volume Down</source>
        <translation>Volum mai încet</translation>
    </message>
    <message>
        <source>Volume Mute</source>
        <translation>Fără sonor</translation>
    </message>
    <message>
        <source>Volume Up</source>
        <translation>Volum mai tare</translation>
    </message>
    <message>
        <source>Bass Boost</source>
        <translation>Amplificare bași</translation>
    </message>
    <message>
        <source>Bass Up</source>
        <translation>Bași +</translation>
    </message>
    <message>
        <source>Bass Down</source>
        <translation>Bași -</translation>
    </message>
    <message>
        <source>Treble Up</source>
        <translation>Înalte +</translation>
    </message>
    <message>
        <source>Treble Down</source>
        <translation>Înalte -</translation>
    </message>
    <message>
        <source>Media Play</source>
        <translation>Redare</translation>
    </message>
    <message>
        <source>Media Stop</source>
        <translation>Oprire redare</translation>
    </message>
    <message>
        <source>Media Previous</source>
        <translation>Pista anterioară</translation>
    </message>
    <message>
        <source>Media Next</source>
        <translation>Pista următoare</translation>
    </message>
    <message>
        <source>Media Record</source>
        <translation>Înregistrare</translation>
    </message>
    <message>
        <source>Media Pause</source>
        <extracomment>Media player pause button</extracomment>
        <translation>Pauză</translation>
    </message>
    <message>
        <source>Toggle Media Play/Pause</source>
        <extracomment>Media player button to toggle between playing and paused</extracomment>
        <translation>Redare/Pauză</translation>
    </message>
    <message>
        <source>Home Page</source>
        <translation>Pagina de start</translation>
    </message>
    <message>
        <source>Favorites</source>
        <translation>Favorite</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Căutare</translation>
    </message>
    <message>
        <source>Standby</source>
        <translation>Standby</translation>
    </message>
    <message>
        <source>Open URL</source>
        <translation>Deschidere URL</translation>
    </message>
    <message>
        <source>Launch Mail</source>
        <translation>Lansare e-mail</translation>
    </message>
    <message>
        <source>Launch Media</source>
        <translation>Lansare player media</translation>
    </message>
    <message>
        <source>Launch (0)</source>
        <translation>Lansare (0)</translation>
    </message>
    <message>
        <source>Launch (1)</source>
        <translation>Lansare (1)</translation>
    </message>
    <message>
        <source>Launch (2)</source>
        <translation>Lansare (2)</translation>
    </message>
    <message>
        <source>Launch (3)</source>
        <translation>Lansare (3)</translation>
    </message>
    <message>
        <source>Launch (4)</source>
        <translation>Lansare (4)</translation>
    </message>
    <message>
        <source>Launch (5)</source>
        <translation>Lansare (5)</translation>
    </message>
    <message>
        <source>Launch (6)</source>
        <translation>Lansare (6)</translation>
    </message>
    <message>
        <source>Launch (7)</source>
        <translation>Lansare (7)</translation>
    </message>
    <message>
        <source>Launch (8)</source>
        <translation>Lansare (8)</translation>
    </message>
    <message>
        <source>Launch (9)</source>
        <translation>Lansare (9)</translation>
    </message>
    <message>
        <source>Launch (A)</source>
        <translation>Lansare (A)</translation>
    </message>
    <message>
        <source>Launch (B)</source>
        <translation>Lansare (B)</translation>
    </message>
    <message>
        <source>Launch (C)</source>
        <translation>Lansare (C)</translation>
    </message>
    <message>
        <source>Launch (D)</source>
        <translation>Lansare (D)</translation>
    </message>
    <message>
        <source>Launch (E)</source>
        <translation>Lansare (E)</translation>
    </message>
    <message>
        <source>Launch (F)</source>
        <translation>Lansare (F)</translation>
    </message>
    <message>
        <source>Launch (G)</source>
        <translation>Lansare (G)</translation>
    </message>
    <message>
        <source>Launch (H)</source>
        <translation>Lansare (H)</translation>
    </message>
    <message>
        <source>Monitor Brightness Up</source>
        <translation>Mărire luminozitate monitor</translation>
    </message>
    <message>
        <source>Monitor Brightness Down</source>
        <translation>Reducere luminozitate monitor</translation>
    </message>
    <message>
        <source>Keyboard Light On/Off</source>
        <translation>Iluminare tastatură pornită/oprită</translation>
    </message>
    <message>
        <source>Keyboard Brightness Up</source>
        <translation>Mărire luminozitate tastatură</translation>
    </message>
    <message>
        <source>Keyboard Brightness Down</source>
        <translation>Reducere luminozitate tastatură</translation>
    </message>
    <message>
        <source>Power Off</source>
        <translation>Oprire</translation>
    </message>
    <message>
        <source>Wake Up</source>
        <translation>Trezire</translation>
    </message>
    <message>
        <source>Eject</source>
        <translation>Ejectare</translation>
    </message>
    <message>
        <source>Screensaver</source>
        <translation>Protector de ecran</translation>
    </message>
    <message>
        <source>WWW</source>
        <translation>WWW</translation>
    </message>
    <message>
        <source>Sleep</source>
        <translation>Repaus</translation>
    </message>
    <message>
        <source>LightBulb</source>
        <translation>Bec</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Magazin</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Istoric</translation>
    </message>
    <message>
        <source>Add Favorite</source>
        <translation>Adăugare la favorite</translation>
    </message>
    <message>
        <source>Hot Links</source>
        <translation>Legături rapide</translation>
    </message>
    <message>
        <source>Adjust Brightness</source>
        <translation>Ajustare luminozitate</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>Finanțe</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Comunitate</translation>
    </message>
    <message>
        <source>Back Forward</source>
        <translation>Înapoi/Înainte</translation>
    </message>
    <message>
        <source>Application Left</source>
        <translation>Aplicația din stânga</translation>
    </message>
    <message>
        <source>Application Right</source>
        <translation>Aplicația din dreapta</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>CD</source>
        <translation>CD</translation>
    </message>
    <message>
        <source>Calculator</source>
        <translation>Calculator</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Golire</translation>
    </message>
    <message>
        <source>Clear Grab</source>
        <translation>Eliberare captură</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Închidere</translation>
    </message>
    <message>
        <source>Adjust contrast</source>
        <translation>Ajustare contrast</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiere</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>Tăiere</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Afișaj</translation>
    </message>
    <message>
        <source>DOS</source>
        <translation>DOS</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documente</translation>
    </message>
    <message>
        <source>Spreadsheet</source>
        <translation>Foaie de calcul</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>Navigator</translation>
    </message>
    <message>
        <source>Game</source>
        <translation>Joc</translation>
    </message>
    <message>
        <source>Go</source>
        <translation>Salt</translation>
    </message>
    <message>
        <source>iTouch</source>
        <translation>iTouch</translation>
    </message>
    <message>
        <source>Logoff</source>
        <translation>Ieșire din sesiune</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Piață</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Întâlnire</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>Notiță</translation>
    </message>
    <message>
        <source>Keyboard Menu</source>
        <translation>Meniu tastatură</translation>
    </message>
    <message>
        <source>Menu PB</source>
        <translation>Meniu PB</translation>
    </message>
    <message>
        <source>My Sites</source>
        <translation>Site-urile mele</translation>
    </message>
    <message>
        <source>News</source>
        <translation>Știri</translation>
    </message>
    <message>
        <source>Home Office</source>
        <translation>Birou acasă</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>Opțiune</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Lipire</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Răspuns</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Reîncărcare</translation>
    </message>
    <message>
        <source>Rotate Windows</source>
        <translation>Rotire ferestre</translation>
    </message>
    <message>
        <source>Rotation PB</source>
        <translation>Rotire PB</translation>
    </message>
    <message>
        <source>Rotation KB</source>
        <translation>Rotire KB</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salvare</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Trimitere</translation>
    </message>
    <message>
        <source>Spellchecker</source>
        <translation>Verificare ortografică</translation>
    </message>
    <message>
        <source>Split Screen</source>
        <translation>Ecran divizat</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Asistență</translation>
    </message>
    <message>
        <source>Task Panel</source>
        <translation>Panou de sarcini</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>To-do list</source>
        <translation>Listă de sarcini</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Unelte</translation>
    </message>
    <message>
        <source>Travel</source>
        <translation>Călătorii</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Word Processor</source>
        <translation>Procesor de text</translation>
    </message>
    <message>
        <source>XFer</source>
        <translation>XFer</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>Mărire</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>Micșorare</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>Messenger</source>
        <translation>Messenger</translation>
    </message>
    <message>
        <source>WebCam</source>
        <translation>Cameră web</translation>
    </message>
    <message>
        <source>Mail Forward</source>
        <translation>Redirecționare e-mail</translation>
    </message>
    <message>
        <source>Pictures</source>
        <translation>Imagini</translation>
    </message>
    <message>
        <source>Music</source>
        <translation>Muzică</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>Baterie</translation>
    </message>
    <message>
        <source>Bluetooth</source>
        <translation>Bluetooth</translation>
    </message>
    <message>
        <source>Wireless</source>
        <translation>Fără fir</translation>
    </message>
    <message>
        <source>Ultra Wide Band</source>
        <translation>Ultra Wide Band</translation>
    </message>
    <message>
        <source>Audio Repeat</source>
        <translation>Repetare audio</translation>
    </message>
    <message>
        <source>Audio Random Play</source>
        <translation>Redare audio aleatorie</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>Subtitrare</translation>
    </message>
    <message>
        <source>Audio Cycle Track</source>
        <translation>Comutare pistă audio</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Timp</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Selectare</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Vizualizare</translation>
    </message>
    <message>
        <source>Top Menu</source>
        <translation>Meniu principal</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Suspendare</translation>
    </message>
    <message>
        <source>Hibernate</source>
        <translation>Hibernare</translation>
    </message>
    <message>
        <source>Media Rewind</source>
        <translation>Derulare înapoi</translation>
    </message>
    <message>
        <source>Media Fast Forward</source>
        <translation>Derulare rapidă înainte</translation>
    </message>
    <message>
        <source>Power Down</source>
        <translation>Oprire alimentare</translation>
    </message>
    <message>
        <source>Microphone Mute</source>
        <translation>Microfon fără sonor</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Roșu</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Verde</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>Galben</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Albastru</translation>
    </message>
    <message>
        <source>Channel Up</source>
        <translation>Canalul următor</translation>
    </message>
    <message>
        <source>Channel Down</source>
        <translation>Canalul anterior</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>Ghid</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Informații</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Setări</translation>
    </message>
    <message>
        <source>Microphone Volume Up</source>
        <translation>Volum microfon mai tare</translation>
    </message>
    <message>
        <source>Microphone Volume Down</source>
        <translation>Volum microfon mai încet</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nou</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Deschidere</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Căutare</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Anulare</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Refacere</translation>
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
        <translation>Da</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nu</translation>
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
        <translation>Apel</translation>
    </message>
    <message>
        <source>Hangup</source>
        <extracomment>Button to end a call (note: a separate button is used to start the call)</extracomment>
        <translation>Închidere apel</translation>
    </message>
    <message>
        <source>Toggle Call/Hangup</source>
        <extracomment>Button that will hang up if we&apos;re in call, or make a call if we&apos;re not.</extracomment>
        <translation>Apel/Închidere apel</translation>
    </message>
    <message>
        <source>Flip</source>
        <translation>Întoarcere</translation>
    </message>
    <message>
        <source>Voice Dial</source>
        <extracomment>Button to trigger voice dialing</extracomment>
        <translation>Apelare vocală</translation>
    </message>
    <message>
        <source>Last Number Redial</source>
        <extracomment>Button to redial the last number called</extracomment>
        <translation>Reapelarea ultimului număr</translation>
    </message>
    <message>
        <source>Camera Shutter</source>
        <extracomment>Button to trigger the camera shutter (take a picture)</extracomment>
        <translation>Declanșator cameră</translation>
    </message>
    <message>
        <source>Camera Focus</source>
        <extracomment>Button to focus the camera</extracomment>
        <translation>Focalizare cameră</translation>
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
        <translation>Introducere cod</translation>
    </message>
    <message>
        <source>Multiple Candidate</source>
        <translation>Candidați multipli</translation>
    </message>
    <message>
        <source>Previous Candidate</source>
        <translation>Candidatul anterior</translation>
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
        <translation>Anulare</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Imprimantă</translation>
    </message>
    <message>
        <source>Execute</source>
        <translation>Executare</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Redare</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Ieșire</translation>
    </message>
    <message>
        <source>Touchpad Toggle</source>
        <translation>Comutare touchpad</translation>
    </message>
    <message>
        <source>Touchpad On</source>
        <translation>Touchpad pornit</translation>
    </message>
    <message>
        <source>Touchpad Off</source>
        <translation>Touchpad oprit</translation>
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
        <translation>Tastatură</translation>
    </message>
</context>
<context>
    <name>QKeySequenceEdit</name>
    <message>
        <source>Press shortcut</source>
        <translation>Apăsați combinația de taste</translation>
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
        <translation>Ce este aceasta?</translation>
    </message>
</context>
<context>
    <name>QWhatsThisAction</name>
    <message>
        <source>What&apos;s This?</source>
        <translation>Ce este aceasta?</translation>
    </message>
</context>
<context>
    <name>QErrorMessage</name>
    <message>
        <source>Debug Message:</source>
        <translation>Mesaj de depanare:</translation>
    </message>
    <message>
        <source>Warning:</source>
        <translation>Avertisment:</translation>
    </message>
    <message>
        <source>Critical Error:</source>
        <translation>Eroare critică:</translation>
    </message>
    <message>
        <source>Fatal Error:</source>
        <translation>Eroare fatală:</translation>
    </message>
    <message>
        <source>Information:</source>
        <translation>Informație:</translation>
    </message>
    <message>
        <source>&amp;Show this message again</source>
        <translation>&amp;Arată din nou acest mesaj</translation>
    </message>
    <message>
        <source>&amp;OK</source>
        <translation>&amp;OK</translation>
    </message>
    <message>
        <source>An error occurred</source>
        <translation>A apărut o eroare</translation>
    </message>
</context>
<context>
    <name>QInputDialog</name>
    <message>
        <source>Enter a value:</source>
        <translation>Introduceți o valoare:</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Anulează</translation>
    </message>
</context>
<context>
    <name>QScrollBar</name>
    <message>
        <source>Scroll here</source>
        <translation>Derulează aici</translation>
    </message>
    <message>
        <source>Left edge</source>
        <translation>Marginea din stânga</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>Sus</translation>
    </message>
    <message>
        <source>Right edge</source>
        <translation>Marginea din dreapta</translation>
    </message>
    <message>
        <source>Bottom</source>
        <translation>Jos</translation>
    </message>
    <message>
        <source>Page left</source>
        <translation>O pagină la stânga</translation>
    </message>
    <message>
        <source>Page up</source>
        <translation>O pagină în sus</translation>
    </message>
    <message>
        <source>Page right</source>
        <translation>O pagină la dreapta</translation>
    </message>
    <message>
        <source>Page down</source>
        <translation>O pagină în jos</translation>
    </message>
    <message>
        <source>Scroll left</source>
        <translation>Derulează la stânga</translation>
    </message>
    <message>
        <source>Scroll up</source>
        <translation>Derulează în sus</translation>
    </message>
    <message>
        <source>Scroll right</source>
        <translation>Derulează la dreapta</translation>
    </message>
    <message>
        <source>Scroll down</source>
        <translation>Derulează în jos</translation>
    </message>
</context>
<context>
    <name>QTabBar</name>
    <message>
        <source>Scroll Left</source>
        <translation>Derulează la stânga</translation>
    </message>
    <message>
        <source>Scroll Right</source>
        <translation>Derulează la dreapta</translation>
    </message>
</context>
<context>
    <name>CloseButton</name>
    <message>
        <source>Close Tab</source>
        <translation>Închide fila</translation>
    </message>
</context>
<context>
    <name>QDockWidget</name>
    <message>
        <source>Float</source>
        <extracomment>Accessible name for button undocking a dock widget (floating state)</extracomment>
        <translation>Detașează</translation>
    </message>
    <message>
        <source>Undocks and re-attaches the dock widget</source>
        <translation>Detașează și reatașează panoul</translation>
    </message>
    <message>
        <source>Close</source>
        <extracomment>Accessible name for button closing a dock widget</extracomment>
        <translation>Închide</translation>
    </message>
    <message>
        <source>Closes the dock widget</source>
        <translation>Închide panoul</translation>
    </message>
</context>
<context>
    <name>QComboBox</name>
    <message>
        <source>False</source>
        <translation>Fals</translation>
    </message>
    <message>
        <source>True</source>
        <translation>Adevărat</translation>
    </message>
    <message>
        <source>Open the combo box selection popup</source>
        <translation>Deschide lista de opțiuni a casetei combinate</translation>
    </message>
</context>
<context>
    <name>QUnicodeControlCharacterMenu</name>
    <message>
        <source>LRM Left-to-right mark</source>
        <translation>LRM Marcaj stânga-dreapta</translation>
    </message>
    <message>
        <source>RLM Right-to-left mark</source>
        <translation>RLM Marcaj dreapta-stânga</translation>
    </message>
    <message>
        <source>ZWJ Zero width joiner</source>
        <translation>ZWJ Unificator de lățime zero</translation>
    </message>
    <message>
        <source>ZWNJ Zero width non-joiner</source>
        <translation>ZWNJ Separator de lățime zero</translation>
    </message>
    <message>
        <source>ZWSP Zero width space</source>
        <translation>ZWSP Spațiu de lățime zero</translation>
    </message>
    <message>
        <source>LRE Start of left-to-right embedding</source>
        <translation>LRE Început de încorporare stânga-dreapta</translation>
    </message>
    <message>
        <source>RLE Start of right-to-left embedding</source>
        <translation>RLE Început de încorporare dreapta-stânga</translation>
    </message>
    <message>
        <source>LRO Start of left-to-right override</source>
        <translation>LRO Început de forțare stânga-dreapta</translation>
    </message>
    <message>
        <source>RLO Start of right-to-left override</source>
        <translation>RLO Început de forțare dreapta-stânga</translation>
    </message>
    <message>
        <source>PDF Pop directional formatting</source>
        <translation>PDF Sfârșit de formatare direcțională</translation>
    </message>
    <message>
        <source>LRI Left-to-right isolate</source>
        <translation>LRI Izolare stânga-dreapta</translation>
    </message>
    <message>
        <source>RLI Right-to-left isolate</source>
        <translation>RLI Izolare dreapta-stânga</translation>
    </message>
    <message>
        <source>FSI First strong isolate</source>
        <translation>FSI Izolare după primul caracter puternic</translation>
    </message>
    <message>
        <source>PDI Pop directional isolate</source>
        <translation>PDI Sfârșit de izolare direcțională</translation>
    </message>
    <message>
        <source>Insert Unicode control character</source>
        <translation>Inserează un caracter de control Unicode</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>Go Back</source>
        <translation>Înapoi</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; Îna&amp;poi</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuă</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>Î&amp;nainte</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>Î&amp;nainte &gt;</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Confirmă</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Gata</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Termină</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anulează</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Ajutor</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Ajutor</translation>
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
