<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AcceptAboveDialog</name>
    <message>
        <source>Accept all suggestions of a label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lowest score</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) will be accepted, as one step (one undo)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AcceptEditDialog</name>
    <message>
        <source>Accept and edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the boundaries from the text selected in a pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boundaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the text in one of the panes first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnnotateAllDialog</name>
    <message>
        <source>Annotate all occurrences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add these</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label every occurrence of “{0}” as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (already)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (inside a {0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{0} of %Ln occurrence(s) will be added</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AnnotationController</name>
    <message>
        <source>Open a document first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1} → {2} on «{3}»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select some text first (hold Alt for exact characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selection holds no word to label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already annotated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1} on «{2}»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the claim first, then press the link key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No link starts from a {0} annotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the {0} ({1}) — Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnnotatorChooser</name>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttributeChoice</name>
    <message>
        <source>{0} (not in the schema)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored with this value, which the schema does not list; kept unless you choose another</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>Backup failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic backup saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace everything in the database with the backup {0} (saved {1})?

Work saved since then is replaced. The current state is backed up first, into {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not restored: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored {0}; the previous state is in {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database is open read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups from the window are for SQLite databases; back up a PostgreSQL server with pg_dump.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite database (*.sqlite)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BulkAcceptDialog</name>
    <message>
        <source>Bulk accept into the gold layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommentsPanel</name>
    <message>
        <source>Comment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the selected annotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to the thread of the chosen comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete your chosen comment (while no one has replied to it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comments could not be read: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the comment to reply to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment not saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment not deleted: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> on a deleted annotation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Conflicting edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A colleague deleted this annotation after you opened it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A colleague changed this annotation after you opened it; you deleted it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A colleague changed this annotation after you opened it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your edit ({0}) was not saved and nothing was overwritten. Which version do you keep?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yours (not saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theirs (saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What &quot;Apply mine&quot; saves: your changes over their version (the rest stays theirs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>made on {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add mine again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorpusSearchPanel</name>
    <message>
        <source>Find in the corpus (Arabic- and accent-insensitive), Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln match(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} in %Ln document(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Indexing {0} of %Ln document(s) for search…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Search index: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentListPanel</name>
    <message>
        <source>Filter by title…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review state (Review window)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any review state</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentStatus</name>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export a dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to write the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spreadsheet-safe (formulas neutralised)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotations of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every annotator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These annotators:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The curated gold layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ids given at import, comma-separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every document ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The open document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The documents the list shows (its filters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These ids:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The documents the list shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s) will be exported</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%v of %Ln document(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Choose where to write the dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick at least one annotator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick at least one layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the ids of the documents to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some of these ids are not in the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} exists. Write the export there anyway (files of the same name are replaced)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting {0} to {1}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln document(s) to {0}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled; nothing was left behind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export into folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in document (ignores tashkeel, hamza forms, accents)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotate all…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label every occurrence, after a preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no match</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cooperation areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review tools are not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open review window…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The review window is not available yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That document no longer exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No more documents this way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated with changes saved elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln document(s) to {0}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Select a word or an annotation first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now annotating as {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Font of the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The interface will be in {0} from the next start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QGuiApplication</name>
    <message>
        <source>QT_LAYOUT_DIRECTION</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewState</name>
    <message>
        <source>not reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>curated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Curated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>Curator review — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in id order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lowest agreement first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject (X)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept and edit… (E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from gold (R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept all agreed… (Ctrl+Shift+A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulk accept (majority, one annotator)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the current annotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Differences (J/K, N/Shift+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export disagreements…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confusion of labels on matched spans: rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute per-document figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing agreed is missing from the gold layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept all agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This adds {0} to the gold layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>wrote %Ln disagreement(s) to {0}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>{0} (spans)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (documents)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept {0} ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln difference(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0}, %Ln resolved</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>A confusion matrix is for span layers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose two different annotators.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the text and the lists</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpanPanel</name>
    <message>
        <source>Select an annotation (click it) to see and edit it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (Enter to save)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then click the annotation to link to (Esc cancels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete annotation (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the linked annotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this link</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBox</name>
    <message>
        <source>Your status for this document</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SuggestionController</name>
    <message>
        <source>Suggested: {0} ({1}){2} — {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(Enter accepts, X rejects, a label key accepts as that label)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No suggestions in this document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No suggestion at hand: N steps to the next one</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SuggestionPanel</name>
    <message>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept all above…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality of the learned suggestions: not measured yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) in this document</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>your annotations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gold layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learned, on {0} ({1} documents, one left out at a time): P {2} · R {3} · F1 {4}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TableModel</name>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lang.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match in context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch annotator…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete annotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exact characters (no word snapping)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep selections character-exact; holding Alt while selecting does it once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in document…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in corpus…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotate all occurrences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next annotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous annotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Font…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show invisible characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface language (at next start)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Status: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept all of a label above a score…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload suggestions (gazetteers, models, gold)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
