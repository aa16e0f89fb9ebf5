<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AcceptAboveDialog</name>
    <message>
        <source>Accept all suggestions of a label</source>
        <translation>Accepter toutes les suggestions d’une étiquette</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <source>Lowest score</source>
        <translation>Score minimal</translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) will be accepted, as one step (one undo)</source>
        <translation>
            <numerusform>%n suggestion sera acceptée, en une étape (une seule annulation)</numerusform>
            <numerusform>%n suggestions seront acceptées, en une étape (une seule annulation)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AcceptEditDialog</name>
    <message>
        <source>Accept and edit</source>
        <translation>Accepter et modifier</translation>
    </message>
    <message>
        <source>Use the selection</source>
        <translation>Utiliser la sélection</translation>
    </message>
    <message>
        <source>Take the boundaries from the text selected in a pane</source>
        <translation>Prendre les bornes du texte sélectionné dans un volet</translation>
    </message>
    <message>
        <source>Accept edited</source>
        <translation>Accepter la version modifiée</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Partir de</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <source>start</source>
        <translation>début</translation>
    </message>
    <message>
        <source>end</source>
        <translation>fin</translation>
    </message>
    <message>
        <source>Boundaries</source>
        <translation>Bornes</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Select the text in one of the panes first.</source>
        <translation>Sélectionnez d’abord le texte dans l’un des volets.</translation>
    </message>
</context>
<context>
    <name>AnnotateAllDialog</name>
    <message>
        <source>Annotate all occurrences</source>
        <translation>Annoter toutes les occurrences</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>In context</source>
        <translation>En contexte</translation>
    </message>
    <message>
        <source>Add these</source>
        <translation>Ajouter celles-ci</translation>
    </message>
    <message>
        <source>Label every occurrence of “{0}” as</source>
        <translation>Étiqueter chaque occurrence de « {0} » comme</translation>
    </message>
    <message>
        <source> (already)</source>
        <translation> (déjà)</translation>
    </message>
    <message>
        <source> (inside a {0})</source>
        <translation> (dans un·e {0})</translation>
    </message>
    <message numerus="yes">
        <source>{0} of %Ln occurrence(s) will be added</source>
        <translation>
            <numerusform>{0} sur %Ln occurrence sera ajoutée</numerusform>
            <numerusform>{0} sur %Ln occurrences seront ajoutées</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AnnotationController</name>
    <message>
        <source>Open a document first</source>
        <translation>Ouvrez d’abord un document</translation>
    </message>
    <message>
        <source>{0}: {1} → {2} on «{3}»</source>
        <translation>{0} : {1} → {2} sur « {3} »</translation>
    </message>
    <message>
        <source>Select some text first (hold Alt for exact characters)</source>
        <translation>Sélectionnez d’abord du texte (Alt maintenu pour des caractères exacts)</translation>
    </message>
    <message>
        <source>The selection holds no word to label</source>
        <translation>La sélection ne contient aucun mot à étiqueter</translation>
    </message>
    <message>
        <source>Already annotated</source>
        <translation>Déjà annoté</translation>
    </message>
    <message>
        <source>{0}: {1} on «{2}»</source>
        <translation>{0} : {1} sur « {2} »</translation>
    </message>
    <message>
        <source>Select the claim first, then press the link key</source>
        <translation>Sélectionnez d’abord l’affirmation, puis appuyez sur la touche du lien</translation>
    </message>
    <message>
        <source>No link starts from a {0} annotation</source>
        <translation>Aucun lien ne part d’une annotation {0}</translation>
    </message>
    <message>
        <source>Click the {0} ({1}), or Tab to it and press Enter — Esc cancels</source>
        <translation>Cliquez sur {0} ({1}), ou allez-y avec Tab et appuyez sur Entrée — Échap annule</translation>
    </message>
    <message>
        <source>Link cancelled</source>
        <translation>Lien annulé</translation>
    </message>
</context>
<context>
    <name>AnnotatorChooser</name>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} sur {1}</translation>
    </message>
</context>
<context>
    <name>AssignmentDialog</name>
    <message>
        <source>Assign documents</source>
        <translation>Attribuer les documents</translation>
    </message>
    <message>
        <source>More annotators, comma-separated (logins on a server)</source>
        <translation>Autres annotateurs, séparés par des virgules (identifiants sur un serveur)</translation>
    </message>
    <message>
        <source>Assign afresh (drop the assignments already made)</source>
        <translation>Attribuer à neuf (abandonner les attributions déjà faites)</translation>
    </message>
    <message>
        <source>Only the documents the list shows (its filter)</source>
        <translation>Seulement les documents que la liste montre (son filtre)</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>Annotateur</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Attribuer</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>Annotateurs</translation>
    </message>
    <message>
        <source>Annotators per document</source>
        <translation>Annotateurs par document</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Graine</translation>
    </message>
    <message>
        <source>An annotator login of the server, with no work in this database yet</source>
        <translation>Un identifiant d&apos;annotateur du serveur, sans travail dans cette base pour l&apos;instant</translation>
    </message>
    <message>
        <source>{0} assignments to make, {1} kept, {2} removed</source>
        <translation>{0} attributions à faire, {1} gardées, {2} retirées</translation>
    </message>
</context>
<context>
    <name>AttributeChoice</name>
    <message>
        <source>{0} (not in the schema)</source>
        <translation>{0} (absent du schéma)</translation>
    </message>
    <message>
        <source>Stored with this value, which the schema does not list; kept unless you choose another</source>
        <translation>Enregistré avec cette valeur, que le schéma ne prévoit pas ; conservée sauf si vous en choisissez une autre</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>Backup failed: {0}</source>
        <translation>Échec de la sauvegarde : {0}</translation>
    </message>
    <message>
        <source>Automatic backup saved: {0}</source>
        <translation>Sauvegarde automatique enregistrée : {0}</translation>
    </message>
    <message>
        <source>Backup saved: {0}</source>
        <translation>Sauvegarde enregistrée : {0}</translation>
    </message>
    <message>
        <source>Replace everything in the database with the backup {0} (saved {1})?

Work saved since then is replaced. The current state is backed up first, into {2}.</source>
        <translation>Remplacer tout le contenu de la base par la sauvegarde {0} (enregistrée le {1}) ?

Le travail enregistré depuis est remplacé. L’état actuel est d’abord sauvegardé dans {2}.</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <source>Not restored: {0}</source>
        <translation>Non restauré : {0}</translation>
    </message>
    <message>
        <source>Restored {0}; the previous state is in {1}</source>
        <translation>{0} restauré ; l’état précédent est dans {1}</translation>
    </message>
    <message>
        <source>This database is open read-only.</source>
        <translation>Cette base est ouverte en lecture seule.</translation>
    </message>
    <message>
        <source>Backups from the window are for SQLite databases; back up a PostgreSQL server with pg_dump.</source>
        <translation>Les sauvegardes depuis la fenêtre concernent les bases SQLite ; sauvegardez un serveur PostgreSQL avec pg_dump.</translation>
    </message>
    <message>
        <source>Back up the database</source>
        <translation>Sauvegarder la base</translation>
    </message>
    <message>
        <source>SQLite database (*.sqlite)</source>
        <translation>Base SQLite (*.sqlite)</translation>
    </message>
</context>
<context>
    <name>BulkAcceptDialog</name>
    <message>
        <source>Bulk accept into the gold layer</source>
        <translation>Accepter en bloc dans la couche de référence</translation>
    </message>
    <message>
        <source>this document</source>
        <translation>ce document</translation>
    </message>
    <message>
        <source>every document</source>
        <translation>tous les documents</translation>
    </message>
    <message>
        <source>every layer</source>
        <translation>toutes les couches</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
</context>
<context>
    <name>CommentCommand</name>
    <message>
        <source>reply</source>
        <translation>réponse</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>commentaire</translation>
    </message>
    <message>
        <source>delete comment</source>
        <translation>suppression du commentaire</translation>
    </message>
</context>
<context>
    <name>CommentsPanel</name>
    <message>
        <source>Comment…</source>
        <translation>Commentaire…</translation>
    </message>
    <message>
        <source>on the selected annotation</source>
        <translation>sur l’annotation sélectionnée</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commenter</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Répondre</translation>
    </message>
    <message>
        <source>Reply to the thread of the chosen comment</source>
        <translation>Répondre au fil du commentaire choisi</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Delete your chosen comment (while no one has replied to it)</source>
        <translation>Supprimer le commentaire choisi (tant que personne n’y a répondu)</translation>
    </message>
    <message>
        <source>Comments could not be read: {0}</source>
        <translation>Impossible de lire les commentaires : {0}</translation>
    </message>
    <message>
        <source>Choose the comment to reply to</source>
        <translation>Choisissez le commentaire auquel répondre</translation>
    </message>
    <message>
        <source>Comment not saved: {0}</source>
        <translation>Commentaire non enregistré : {0}</translation>
    </message>
    <message>
        <source>Reply saved</source>
        <translation>Réponse enregistrée</translation>
    </message>
    <message>
        <source>Comment saved</source>
        <translation>Commentaire enregistré</translation>
    </message>
    <message>
        <source>Comment not deleted: {0}</source>
        <translation>Commentaire non supprimé : {0}</translation>
    </message>
    <message>
        <source>Comment deleted</source>
        <translation>Commentaire supprimé</translation>
    </message>
    <message>
        <source> on a deleted annotation</source>
        <translation> sur une annotation supprimée</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Conflicting edit</source>
        <translation>Modification en conflit</translation>
    </message>
    <message>
        <source>A colleague deleted this annotation after you opened it.</source>
        <translation>Un·e collègue a supprimé cette annotation après que vous l’avez ouverte.</translation>
    </message>
    <message>
        <source>A colleague changed this annotation after you opened it; you deleted it.</source>
        <translation>Un·e collègue a modifié cette annotation après que vous l’avez ouverte ; vous l’avez supprimée.</translation>
    </message>
    <message>
        <source>A colleague changed this annotation after you opened it.</source>
        <translation>Un·e collègue a modifié cette annotation après que vous l’avez ouverte.</translation>
    </message>
    <message>
        <source>Your edit ({0}) was not saved and nothing was overwritten. Which version do you keep?</source>
        <translation>Votre modification ({0}) n’a pas été enregistrée et rien n’a été écrasé. Quelle version gardez-vous ?</translation>
    </message>
    <message>
        <source>Yours (not saved)</source>
        <translation>La vôtre (non enregistrée)</translation>
    </message>
    <message>
        <source>Theirs (saved)</source>
        <translation>La leur (enregistrée)</translation>
    </message>
    <message>
        <source>What &quot;Apply mine&quot; saves: your changes over their version (the rest stays theirs)</source>
        <translation>Ce qu’enregistre « Appliquer la mienne » : vos changements sur leur version (le reste reste le leur)</translation>
    </message>
    <message>
        <source>made on {0}</source>
        <translation>faite sur {0}</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>Garder la leur</translation>
    </message>
    <message>
        <source>Delete anyway</source>
        <translation>Supprimer quand même</translation>
    </message>
    <message>
        <source>Apply mine</source>
        <translation>Appliquer la mienne</translation>
    </message>
    <message>
        <source>Add mine again</source>
        <translation>Rajouter la mienne</translation>
    </message>
</context>
<context>
    <name>CorpusSearchPanel</name>
    <message>
        <source>Find in the corpus (Arabic- and accent-insensitive), Enter</source>
        <translation>Chercher dans le corpus (sans tenir compte des formes arabes ni des accents), Entrée</translation>
    </message>
    <message numerus="yes">
        <source>%Ln match(es)</source>
        <translation>
            <numerusform>%Ln résultat</numerusform>
            <numerusform>%Ln résultats</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} in %Ln document(s)</source>
        <translation>
            <numerusform>{0} dans %Ln document</numerusform>
            <numerusform>{0} dans %Ln documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Indexing {0} of %Ln document(s) for search…</source>
        <translation>
            <numerusform>Indexation pour la recherche : {0} sur %Ln document…</numerusform>
            <numerusform>Indexation pour la recherche : {0} sur %Ln documents…</numerusform>
        </translation>
    </message>
    <message>
        <source>Search index: {0}</source>
        <translation>Index de recherche : {0}</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <source>given to nobody</source>
        <translation>confiés à personne</translation>
    </message>
    <message>
        <source>annotating</source>
        <translation>en annotation</translation>
    </message>
    <message>
        <source>ready for curation</source>
        <translation>prêts pour la curation</translation>
    </message>
    <message>
        <source>in curation</source>
        <translation>en curation</translation>
    </message>
    <message>
        <source>curated</source>
        <translation>curés</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>Annotateur</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>Annotations</translation>
    </message>
    <message>
        <source>Active time</source>
        <translation>Temps actif</translation>
    </message>
    <message>
        <source>Agreement (αU)</source>
        <translation>Accord (αU)</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Documents by stage</source>
        <translation>Documents par étape</translation>
    </message>
    <message>
        <source>Annotators: done, in progress, new</source>
        <translation>Annotateurs : terminés, en cours, nouveaux</translation>
    </message>
    <message>
        <source>Agreement per document, lowest first</source>
        <translation>Accord par document, le plus faible d&apos;abord</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>{0} s</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <source>{0} h {1} min</source>
        <translation>{0} h {1} min</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <source>given to {0}; it is read-only for {1}</source>
        <translation>confié à {0} ; en lecture seule pour {1}</translation>
    </message>
    <message>
        <source>locked: its curation has started ({0}); a curator reopens it by setting its review state back to not reviewed</source>
        <translation>verrouillé : sa curation a commencé ({0}) ; un curateur le rouvre en remettant son état de révision à « non révisé »</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message numerus="yes">
        <source>#{0} · %n character(s)</source>
        <translation>
            <numerusform>n° {0} · %n caractère</numerusform>
            <numerusform>n° {0} · %n caractères</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentListPanel</name>
    <message>
        <source>Filter by title…</source>
        <translation>Filtrer par titre…</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Tout état</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>Toute langue</translation>
    </message>
    <message>
        <source>Review state (Review window)</source>
        <translation>État de révision (fenêtre Révision)</translation>
    </message>
    <message>
        <source>Any review state</source>
        <translation>Tout état de révision</translation>
    </message>
    <message>
        <source>Show all documents</source>
        <translation>Afficher tous les documents</translation>
    </message>
    <message>
        <source>Also the documents given to other annotators (read-only for you)</source>
        <translation>Aussi les documents confiés à d&apos;autres annotateurs (en lecture seule pour vous)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
    <message>
        <source>Read-only: {0}</source>
        <translation>Lecture seule : {0}</translation>
    </message>
</context>
<context>
    <name>DocumentStatus</name>
    <message>
        <source>New</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
</context>
<context>
    <name>EditCommand</name>
    <message>
        <source>undo {0}</source>
        <translation>annulation de {0}</translation>
    </message>
    <message>
        <source>add {0} “{1}”</source>
        <translation>ajout {0} « {1} »</translation>
    </message>
    <message>
        <source>add {0} × {1}</source>
        <translation>ajout {0} × {1}</translation>
    </message>
    <message>
        <source>add {0} × {1} ({2} refused: {3})</source>
        <translation>ajout {0} × {1} ({2} refusé(s) : {3})</translation>
    </message>
    <message>
        <source>delete {0}</source>
        <translation>suppression {0}</translation>
    </message>
    <message>
        <source>link {0}</source>
        <translation>lien {0}</translation>
    </message>
    <message>
        <source>remove {0} link</source>
        <translation>retrait du lien {0}</translation>
    </message>
    <message>
        <source>tick {0}</source>
        <translation>coche {0}</translation>
    </message>
    <message>
        <source>untick {0}</source>
        <translation>décoche {0}</translation>
    </message>
    <message>
        <source>mark {0}</source>
        <translation>statut : {0}</translation>
    </message>
    <message>
        <source>reject {0} “{1}”</source>
        <translation>rejet de la suggestion {0} « {1} »</translation>
    </message>
</context>
<context>
    <name>EntityChooser</name>
    <message>
        <source>Link to an entity</source>
        <translation>Lier à une entité</translation>
    </message>
    <message>
        <source>Entities for “{0}”, best first:</source>
        <translation>Entités pour « {0} », les meilleures d’abord :</translation>
    </message>
    <message>
        <source>Search the registry</source>
        <translation>Chercher dans le registre</translation>
    </message>
    <message>
        <source>New entity from this span</source>
        <translation>Nouvelle entité à partir de ce segment</translation>
    </message>
</context>
<context>
    <name>EntityLinks</name>
    <message>
        <source>No suggested link for this annotation: K chooses an entity</source>
        <translation>Aucun lien suggéré pour cette annotation : K choisit une entité</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export a dataset</source>
        <translation>Exporter un jeu de données</translation>
    </message>
    <message>
        <source>Where to write the dataset</source>
        <translation>Où écrire le jeu de données</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Spreadsheet-safe (formulas neutralised)</source>
        <translation>Sûr pour les tableurs (formules neutralisées)</translation>
    </message>
    <message>
        <source>Plain CSV</source>
        <translation>CSV brut</translation>
    </message>
    <message>
        <source>CSV cells</source>
        <translation>Cellules CSV</translation>
    </message>
    <message>
        <source>Annotations of</source>
        <translation>Annotations de</translation>
    </message>
    <message>
        <source>Every annotator</source>
        <translation>Tous les annotateurs</translation>
    </message>
    <message>
        <source>These annotators:</source>
        <translation>Ces annotateurs :</translation>
    </message>
    <message>
        <source>The curated gold layer</source>
        <translation>La couche de référence validée</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>ids given at import, comma-separated</source>
        <translation>identifiants donnés à l’import, séparés par des virgules</translation>
    </message>
    <message>
        <source>Every document ({0})</source>
        <translation>Tous les documents ({0})</translation>
    </message>
    <message>
        <source>The open document</source>
        <translation>Le document ouvert</translation>
    </message>
    <message>
        <source>The documents the list shows (its filters)</source>
        <translation>Les documents que montre la liste (ses filtres)</translation>
    </message>
    <message>
        <source>These ids:</source>
        <translation>Ces identifiants :</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>The documents the list shows</source>
        <translation>Les documents que montre la liste</translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s) will be exported</source>
        <translation>
            <numerusform>%Ln document sera exporté</numerusform>
            <numerusform>%Ln documents seront exportés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%v of %Ln document(s)</source>
        <translation>
            <numerusform>%v sur %Ln document</numerusform>
            <numerusform>%v sur %Ln documents</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose where to write the dataset.</source>
        <translation>Choisissez où écrire le jeu de données.</translation>
    </message>
    <message>
        <source>Tick at least one annotator.</source>
        <translation>Cochez au moins un annotateur.</translation>
    </message>
    <message>
        <source>Tick at least one layer.</source>
        <translation>Cochez au moins une couche.</translation>
    </message>
    <message>
        <source>Give the ids of the documents to export.</source>
        <translation>Donnez les identifiants des documents à exporter.</translation>
    </message>
    <message>
        <source>Some of these ids are not in the database.</source>
        <translation>Certains de ces identifiants ne sont pas dans la base.</translation>
    </message>
    <message>
        <source>{0} exists. Write the export there anyway (files of the same name are replaced)?</source>
        <translation>{0} existe. Y écrire l’export quand même (les fichiers de même nom sont remplacés) ?</translation>
    </message>
    <message>
        <source>Exporting {0} to {1}…</source>
        <translation>Export de {0} vers {1}…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln document(s) to {0}</source>
        <translation>
            <numerusform>%Ln document exporté vers {0}</numerusform>
            <numerusform>%Ln documents exportés vers {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed: {0}</source>
        <translation>Échec de l’export : {0}</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was left behind.</source>
        <translation>Export annulé ; rien n’a été laissé derrière.</translation>
    </message>
    <message>
        <source>Export into folder</source>
        <translation>Exporter dans un dossier</translation>
    </message>
    <message>
        <source>Export to file</source>
        <translation>Exporter vers un fichier</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in document (ignores tashkeel, hamza forms, accents)</source>
        <translation>Chercher dans le document (ignore le tachkil, les formes de hamza, les accents)</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Résultat précédent (Maj+Entrée)</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>Résultat suivant (Entrée)</translation>
    </message>
    <message>
        <source>Annotate all…</source>
        <translation>Tout annoter…</translation>
    </message>
    <message>
        <source>Label every occurrence, after a preview</source>
        <translation>Étiqueter chaque occurrence, après un aperçu</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>aucun résultat</translation>
    </message>
</context>
<context>
    <name>GuidelinesPane</name>
    <message>
        <source>No guidelines yet: a manager imports them with curator guidelines import.</source>
        <translation>Pas encore de guide d&apos;annotation : un responsable l&apos;importe avec curator guidelines import.</translation>
    </message>
    <message>
        <source>Version {0}, {1}</source>
        <translation>Version {0}, {1}</translation>
    </message>
    <message>
        <source>not written in this language: shown in {0}</source>
        <translation>non rédigé dans cette langue : affiché en {0}</translation>
    </message>
</context>
<context>
    <name>KeyboardReach</name>
    <message>
        <source>Choose a document…</source>
        <translation>Choisir un document…</translation>
    </message>
    <message>
        <source>Edit the annotation&apos;s attributes</source>
        <translation>Modifier les attributs de l&apos;annotation</translation>
    </message>
    <message>
        <source>Comment…</source>
        <translation>Commenter…</translation>
    </message>
    <message>
        <source>My status of this document…</source>
        <translation>Mon état pour ce document…</translation>
    </message>
    <message>
        <source>Select an annotation first (Ctrl+. steps to the next one)</source>
        <translation>Sélectionnez d&apos;abord une annotation (Ctrl+. passe à la suivante)</translation>
    </message>
    <message>
        <source>Open a document first</source>
        <translation>Ouvrez d&apos;abord un document</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Annotation</source>
        <translation>Annotation</translation>
    </message>
    <message>
        <source>Cooperation areas</source>
        <translation>Domaines de coopération</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>Annotations</translation>
    </message>
    <message>
        <source>Find in corpus</source>
        <translation>Chercher dans le corpus</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Suggestions</translation>
    </message>
    <message>
        <source>Entity mentions</source>
        <translation>Mentions de l’entité</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Commentaires</translation>
    </message>
    <message>
        <source>Review tools are not installed</source>
        <translation>Les outils de révision ne sont pas installés</translation>
    </message>
    <message>
        <source>Open review window…</source>
        <translation>Ouvrir la fenêtre de révision…</translation>
    </message>
    <message>
        <source>The review window is not available yet.</source>
        <translation>La fenêtre de révision n’est pas encore disponible.</translation>
    </message>
    <message>
        <source>That document no longer exists</source>
        <translation>Ce document n’existe plus</translation>
    </message>
    <message>
        <source>No more documents this way</source>
        <translation>Plus de documents dans ce sens</translation>
    </message>
    <message>
        <source>Updated with changes saved elsewhere</source>
        <translation>Mis à jour avec les changements enregistrés ailleurs</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln document(s) to {0}</source>
        <translation>
            <numerusform>%Ln document exporté vers {0}</numerusform>
            <numerusform>%Ln documents exportés vers {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a word or an annotation first</source>
        <translation>Sélectionnez d’abord un mot ou une annotation</translation>
    </message>
    <message>
        <source>The schema was changed elsewhere</source>
        <translation>Le schéma a été modifié ailleurs</translation>
    </message>
    <message>
        <source>You annotate as your server login, {0}; log in as another user to switch.</source>
        <translation>Vous annotez sous votre identifiant du serveur, {0} ; connectez-vous sous un autre utilisateur pour changer.</translation>
    </message>
    <message>
        <source>Now annotating as {0}</source>
        <translation>Vous annotez désormais en tant que {0}</translation>
    </message>
    <message>
        <source>Font of the text</source>
        <translation>Police du texte</translation>
    </message>
    <message>
        <source>The interface will be in {0} from the next start</source>
        <translation>L’interface sera en {0} au prochain démarrage</translation>
    </message>
</context>
<context>
    <name>MentionsPanel</name>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>Annotateur</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>Mentions</translation>
    </message>
    <message>
        <source>Claims by this entity</source>
        <translation>Déclarations de cette entité</translation>
    </message>
    <message>
        <source>(the entity of the selected annotation)</source>
        <translation>(l’entité de l’annotation choisie)</translation>
    </message>
    <message>
        <source>Select a linked annotation, or choose an entity above.</source>
        <translation>Choisissez une annotation liée, ou une entité ci-dessus.</translation>
    </message>
    <message>
        <source>{0} mention(s) in {1} document(s), {2} language(s); {3} claim(s)</source>
        <translation>{0} mention(s) dans {1} document(s), {2} langue(s) ; {3} déclaration(s)</translation>
    </message>
    <message>
        <source>Mentions ({0})</source>
        <translation>Mentions ({0})</translation>
    </message>
    <message>
        <source>Claims by this entity ({0})</source>
        <translation>Déclarations de cette entité ({0})</translation>
    </message>
</context>
<context>
    <name>ParallelView</name>
    <message>
        <source>Side by side — Curator</source>
        <translation>Côte à côte — Curator</translation>
    </message>
    <message>
        <source>Documents sharing ≥{0} linked entities</source>
        <translation>Documents partageant ≥{0} entités liées</translation>
    </message>
    <message>
        <source>Group as one story…</source>
        <translation>Regrouper en une même histoire…</translation>
    </message>
    <message>
        <source>No document shares {0} linked entities with this one</source>
        <translation>Aucun document ne partage {0} entités liées avec celui-ci</translation>
    </message>
    <message>
        <source>Sharing entities: {0}</source>
        <translation>Entités partagées : {0}</translation>
    </message>
    <message>
        <source>Group as one story</source>
        <translation>Regrouper en une même histoire</translation>
    </message>
    <message>
        <source>Name of the story:</source>
        <translation>Nom de l’histoire :</translation>
    </message>
    <message>
        <source>Story: {0}</source>
        <translation>Histoire : {0}</translation>
    </message>
</context>
<context>
    <name>QGuiApplication</name>
    <message>
        <source>QT_LAYOUT_DIRECTION</source>
        <translation>LTR</translation>
    </message>
</context>
<context>
    <name>RelateKeys</name>
    <message>
        <source>Nothing in this document can be linked to from here — Esc cancels</source>
        <translation>Rien dans ce document ne peut être relié d&apos;ici — Échap annule</translation>
    </message>
    <message>
        <source>{0} of {1}: {2} «{3}» — Enter links, Tab goes on, Esc cancels</source>
        <translation>{0} sur {1} : {2} « {3} » — Entrée relie, Tab continue, Échap annule</translation>
    </message>
</context>
<context>
    <name>ReviewCommand</name>
    <message>
        <source>mark as {0}</source>
        <translation>marqué {0}</translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message>
        <source>accept {0}&apos;s {1}</source>
        <translation>acceptation du {1} de {0}</translation>
    </message>
    <message>
        <source>reject {0}</source>
        <translation>rejet {0}</translation>
    </message>
    <message>
        <source>accept {0}&apos;s span as {1} {2}-{3}</source>
        <translation>acceptation du segment de {0} comme {1} {2}-{3}</translation>
    </message>
    <message>
        <source>accept {0}</source>
        <translation>acceptation {0}</translation>
    </message>
</context>
<context>
    <name>ReviewKeys</name>
    <message>
        <source>&amp;Curate</source>
        <translation>&amp;Curation</translation>
    </message>
    <message>
        <source>Next difference</source>
        <translation>Différence suivante</translation>
    </message>
    <message>
        <source>Previous difference</source>
        <translation>Différence précédente</translation>
    </message>
    <message>
        <source>Next unresolved difference</source>
        <translation>Différence non résolue suivante</translation>
    </message>
    <message>
        <source>Previous unresolved difference</source>
        <translation>Différence non résolue précédente</translation>
    </message>
    <message>
        <source>Accept the version of annotator {0}</source>
        <translation>Accepter la version de l&apos;annotateur {0}</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rejeter</translation>
    </message>
    <message>
        <source>Accept and edit…</source>
        <translation>Accepter et modifier…</translation>
    </message>
    <message>
        <source>Remove from gold</source>
        <translation>Retirer de la référence</translation>
    </message>
    <message>
        <source>Accept all agreed…</source>
        <translation>Accepter tout ce qui est concordant…</translation>
    </message>
    <message>
        <source>Bulk accept…</source>
        <translation>Acceptation en masse…</translation>
    </message>
    <message>
        <source>&amp;Agreement</source>
        <translation>&amp;Accord</translation>
    </message>
    <message>
        <source>Compute agreement</source>
        <translation>Calculer l&apos;accord</translation>
    </message>
    <message>
        <source>Compute per-document figures</source>
        <translation>Calculer les chiffres par document</translation>
    </message>
    <message>
        <source>Export disagreements…</source>
        <translation>Exporter les désaccords…</translation>
    </message>
    <message>
        <source>Write the agreement report…</source>
        <translation>Écrire le rapport d&apos;accord…</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>A&amp;ller</translation>
    </message>
    <message>
        <source>Next document</source>
        <translation>Document suivant</translation>
    </message>
    <message>
        <source>Previous document</source>
        <translation>Document précédent</translation>
    </message>
    <message>
        <source>Choose a document…</source>
        <translation>Choisir un document…</translation>
    </message>
    <message>
        <source>Choose the annotators…</source>
        <translation>Choisir les annotateurs…</translation>
    </message>
    <message>
        <source>Review state…</source>
        <translation>État de la révision…</translation>
    </message>
    <message>
        <source>Comment…</source>
        <translation>Commenter…</translation>
    </message>
    <message>
        <source>Back to the differences</source>
        <translation>Retour aux différences</translation>
    </message>
    <message>
        <source>Compare and curate</source>
        <translation>Comparer et curer</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Accord</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>Keyboard shortcuts…</source>
        <translation>Raccourcis clavier…</translation>
    </message>
    <message>
        <source>No more documents this way</source>
        <translation>Plus de document dans ce sens</translation>
    </message>
</context>
<context>
    <name>ReviewState</name>
    <message>
        <source>not reviewed</source>
        <translation>non révisé</translation>
    </message>
    <message>
        <source>in review</source>
        <translation>en révision</translation>
    </message>
    <message>
        <source>curated</source>
        <translation>validé</translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation>Non révisé</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>En révision</translation>
    </message>
    <message>
        <source>Curated</source>
        <translation>Validé</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>Curator review — {0}</source>
        <translation>Révision Curator — {0}</translation>
    </message>
    <message>
        <source>all documents</source>
        <translation>tous les documents</translation>
    </message>
    <message>
        <source>in id order</source>
        <translation>par ordre d’identifiant</translation>
    </message>
    <message>
        <source>lowest agreement first</source>
        <translation>accord le plus faible d’abord</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparer</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>Annotateurs</translation>
    </message>
    <message>
        <source>Reject (X)</source>
        <translation>Rejeter (X)</translation>
    </message>
    <message>
        <source>Accept and edit… (E)</source>
        <translation>Accepter et modifier… (E)</translation>
    </message>
    <message>
        <source>Remove from gold (R)</source>
        <translation>Retirer de la référence (R)</translation>
    </message>
    <message>
        <source>Accept all agreed… (Ctrl+Shift+A)</source>
        <translation>Accepter tout ce qui fait accord… (Ctrl+Maj+A)</translation>
    </message>
    <message>
        <source>Bulk accept (majority, one annotator)…</source>
        <translation>Accepter en bloc (majorité, un annotateur)…</translation>
    </message>
    <message>
        <source>Comment…</source>
        <translation>Commentaire…</translation>
    </message>
    <message>
        <source>on the current annotation</source>
        <translation>sur l’annotation courante</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commenter</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Répondre</translation>
    </message>
    <message>
        <source>Differences (J/K, N/Shift+N)</source>
        <translation>Différences (J/K, N/Maj+N)</translation>
    </message>
    <message>
        <source>Review state</source>
        <translation>État de révision</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Commentaires</translation>
    </message>
    <message>
        <source>Compute agreement</source>
        <translation>Calculer l’accord</translation>
    </message>
    <message>
        <source>Export disagreements…</source>
        <translation>Exporter les désaccords…</translation>
    </message>
    <message>
        <source>Confusion of labels on matched spans: rows</source>
        <translation>Confusion des étiquettes sur les segments appariés : lignes</translation>
    </message>
    <message>
        <source>columns</source>
        <translation>colonnes</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Graphique</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>Matrice de confusion</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <source>Compute per-document figures</source>
        <translation>Calculer les chiffres par document</translation>
    </message>
    <message>
        <source>Compare and curate</source>
        <translation>Comparer et arbitrer</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Accord</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>nothing agreed is missing from the gold layer</source>
        <translation>rien de ce qui fait accord ne manque à la couche de référence</translation>
    </message>
    <message>
        <source>Accept all agreed</source>
        <translation>Accepter tout ce qui fait accord</translation>
    </message>
    <message>
        <source>This adds {0} to the gold layer:</source>
        <translation>Ceci ajoute {0} à la couche de référence :</translation>
    </message>
    <message>
        <source>added {0}</source>
        <translation>ajouté : {0}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>%Ln segment</numerusform>
            <numerusform>%Ln segments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln relation(s)</source>
        <translation>
            <numerusform>%Ln relation</numerusform>
            <numerusform>%Ln relations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document label(s)</source>
        <translation>
            <numerusform>%Ln étiquette de document</numerusform>
            <numerusform>%Ln étiquettes de document</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>on %Ln document(s)</source>
        <translation>
            <numerusform>sur %Ln document</numerusform>
            <numerusform>sur %Ln documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s) refused by the schema</source>
        <translation>
            <numerusform>%Ln segment refusé par le schéma</numerusform>
            <numerusform>%Ln segments refusés par le schéma</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>wrote %Ln disagreement(s) to {0}</source>
        <translation>
            <numerusform>%Ln désaccord écrit dans {0}</numerusform>
            <numerusform>%Ln désaccords écrits dans {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Report written to {0}</source>
        <translation>Rapport écrit dans {0}</translation>
    </message>
    <message>
        <source>{0} (spans)</source>
        <translation>{0} (segments)</translation>
    </message>
    <message>
        <source>{0} (documents)</source>
        <translation>{0} (documents)</translation>
    </message>
    <message>
        <source>Accept {0} ({1})</source>
        <translation>Accepter {0} ({1})</translation>
    </message>
    <message numerus="yes">
        <source>%Ln difference(s)</source>
        <translation>
            <numerusform>%Ln différence</numerusform>
            <numerusform>%Ln différences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0}, %Ln resolved</source>
        <translation>
            <numerusform>{0}, %Ln résolue</numerusform>
            <numerusform>{0}, %Ln résolues</numerusform>
        </translation>
    </message>
    <message>
        <source>agreed, not in the gold layer yet: {0} (Ctrl+Shift+A)</source>
        <translation>fait accord, pas encore dans la couche de référence : {0} (Ctrl+Maj+A)</translation>
    </message>
    <message>
        <source>A confusion matrix is for span layers.</source>
        <translation>Une matrice de confusion concerne les couches de segments.</translation>
    </message>
    <message>
        <source>Choose two different annotators.</source>
        <translation>Choisissez deux annotateurs différents.</translation>
    </message>
    <message>
        <source>Export disagreements</source>
        <translation>Exporter les désaccords</translation>
    </message>
    <message>
        <source>Folder of the agreement report</source>
        <translation>Dossier du rapport d&apos;accord</translation>
    </message>
</context>
<context>
    <name>SchemaDialog</name>
    <message>
        <source>Schema</source>
        <translation>Schéma</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Raccourci</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>Arabe</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <source>Add label…</source>
        <translation>Ajouter une étiquette…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <source>Merge into…</source>
        <translation>Fusionner dans…</translation>
    </message>
    <message>
        <source>Split…</source>
        <translation>Scinder…</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>Couleur…</translation>
    </message>
    <message>
        <source>Shortcut…</source>
        <translation>Raccourci…</translation>
    </message>
    <message>
        <source>Add attribute…</source>
        <translation>Ajouter un attribut…</translation>
    </message>
    <message>
        <source>Saved: {0}</source>
        <translation>Enregistré : {0}</translation>
    </message>
    <message>
        <source>Not saved — {0}: {1}</source>
        <translation>Non enregistré — {0} : {1}</translation>
    </message>
    <message>
        <source>Add a label to {0}</source>
        <translation>Ajouter une étiquette à {0}</translation>
    </message>
</context>
<context>
    <name>SchemaForms</name>
    <message>
        <source>Arabic name</source>
        <translation>Nom arabe</translation>
    </message>
    <message>
        <source>French name</source>
        <translation>Nom français</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>Nom anglais</translation>
    </message>
    <message>
        <source>Id (stored and exported)</source>
        <translation>Identifiant (stocké et exporté)</translation>
    </message>
    <message>
        <source>Colour (#rrggbb)</source>
        <translation>Couleur (#rrvvbb)</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Raccourci</translation>
    </message>
    <message>
        <source>Rename label</source>
        <translation>Renommer l&apos;étiquette</translation>
    </message>
    <message>
        <source>Merge label</source>
        <translation>Fusionner l&apos;étiquette</translation>
    </message>
    <message>
        <source>Merge into:</source>
        <translation>Fusionner dans :</translation>
    </message>
    <message>
        <source>Label colour</source>
        <translation>Couleur de l&apos;étiquette</translation>
    </message>
    <message>
        <source>Label shortcut</source>
        <translation>Raccourci de l&apos;étiquette</translation>
    </message>
    <message>
        <source>Attribute id</source>
        <translation>Identifiant de l&apos;attribut</translation>
    </message>
    <message>
        <source>Values (a, b, c)</source>
        <translation>Valeurs (a, b, c)</translation>
    </message>
    <message>
        <source>Layer of its labels (type label)</source>
        <translation>Couche de ses étiquettes (type label)</translation>
    </message>
    <message>
        <source>Add attribute</source>
        <translation>Ajouter un attribut</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>In the text and the lists</source>
        <translation>Dans le texte et les listes</translation>
    </message>
    <message>
        <source>Move by character, by word (Ctrl)</source>
        <translation>Avancer d&apos;un caractère, d&apos;un mot (Ctrl)</translation>
    </message>
    <message>
        <source>← → (in an Arabic paragraph ← goes forward)</source>
        <translation>← → (dans un paragraphe arabe ← avance)</translation>
    </message>
    <message>
        <source>Select by character, by word (Ctrl)</source>
        <translation>Sélectionner par caractère, par mot (Ctrl)</translation>
    </message>
    <message>
        <source>Shift+← →, Ctrl+Shift+← →</source>
        <translation>Maj+← →, Ctrl+Maj+← →</translation>
    </message>
    <message>
        <source>Line up, down; start, end of the line</source>
        <translation>Ligne précédente, suivante ; début, fin de la ligne</translation>
    </message>
    <message>
        <source>↑ ↓, Home, End</source>
        <translation>↑ ↓, Origine, Fin</translation>
    </message>
    <message>
        <source>Start, end of the document</source>
        <translation>Début, fin du document</translation>
    </message>
    <message>
        <source>Ctrl+Home, Ctrl+End</source>
        <translation>Ctrl+Origine, Ctrl+Fin</translation>
    </message>
    <message>
        <source>Next candidate</source>
        <translation>Candidat suivant</translation>
    </message>
    <message>
        <source>Tab, ↓, the arrow pointing along the paragraph</source>
        <translation>Tab, ↓, la flèche dans le sens du paragraphe</translation>
    </message>
    <message>
        <source>Previous candidate</source>
        <translation>Candidat précédent</translation>
    </message>
    <message>
        <source>Shift+Tab, ↑, the other arrow</source>
        <translation>Maj+Tab, ↑, l&apos;autre flèche</translation>
    </message>
    <message>
        <source>Link to the candidate at hand</source>
        <translation>Relier au candidat courant</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Échap</translation>
    </message>
    <message>
        <source>Moving and selecting (logical order, the same in Arabic and French)</source>
        <translation>Se déplacer et sélectionner (ordre logique, le même en arabe et en français)</translation>
    </message>
    <message>
        <source>Relating (after the link key, R)</source>
        <translation>Relier (après la touche de relation, R)</translation>
    </message>
</context>
<context>
    <name>SpanPanel</name>
    <message>
        <source>Select an annotation (click it) to see and edit it here.</source>
        <translation>Sélectionnez une annotation (cliquez dessus) pour la voir et la modifier ici.</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <source>Link… (K)</source>
        <translation>Lier… (K)</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>Délier</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entité</translation>
    </message>
    <message>
        <source>Note (Enter to save)</source>
        <translation>Note (Entrée pour enregistrer)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Link {0}…</source>
        <translation>Lier {0}…</translation>
    </message>
    <message>
        <source>Then click the annotation to link to (Esc cancels)</source>
        <translation>Puis cliquez sur l’annotation à lier (Échap annule)</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Liens</translation>
    </message>
    <message>
        <source>Delete annotation (Del)</source>
        <translation>Supprimer l’annotation (Suppr)</translation>
    </message>
    <message>
        <source>Go to the linked annotation</source>
        <translation>Aller à l’annotation liée</translation>
    </message>
    <message>
        <source>Remove this link</source>
        <translation>Retirer ce lien</translation>
    </message>
    <message>
        <source>Suggested: {0} ({1}) — Enter or Shift+K to accept</source>
        <translation>Suggéré : {0} ({1}) — Entrée ou Maj+K pour accepter</translation>
    </message>
    <message>
        <source>Not linked</source>
        <translation>Non liée</translation>
    </message>
</context>
<context>
    <name>SplitDialog</name>
    <message>
        <source>Split label {0}</source>
        <translation>Scinder l&apos;étiquette {0}</translation>
    </message>
    <message>
        <source>New label id</source>
        <translation>Identifiant de la nouvelle étiquette</translation>
    </message>
    <message>
        <source>Arabic name</source>
        <translation>Nom arabe</translation>
    </message>
    <message>
        <source>French name</source>
        <translation>Nom français</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>Nom anglais</translation>
    </message>
    <message>
        <source>Colour (#rrggbb)</source>
        <translation>Couleur (#rrvvbb)</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Raccourci</translation>
    </message>
    <message>
        <source>Tick the spans with this text…</source>
        <translation>Cocher les segments ayant ce texte…</translation>
    </message>
</context>
<context>
    <name>StatusBox</name>
    <message>
        <source>Your status for this document</source>
        <translation>Votre état pour ce document</translation>
    </message>
</context>
<context>
    <name>SuggestionController</name>
    <message>
        <source>Suggested: {0} ({1}){2} — {3}</source>
        <translation>Suggéré : {0} ({1}){2} — {3}</translation>
    </message>
    <message>
        <source>(Enter accepts, X rejects, a label key accepts as that label)</source>
        <translation>(Entrée accepte, X rejette, une touche d’étiquette accepte avec cette étiquette)</translation>
    </message>
    <message>
        <source>No suggestions in this document</source>
        <translation>Aucune suggestion dans ce document</translation>
    </message>
    <message>
        <source>No suggestion at hand: N steps to the next one</source>
        <translation>Aucune suggestion sous la main : N passe à la suivante</translation>
    </message>
</context>
<context>
    <name>SuggestionPanel</name>
    <message>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rejeter</translation>
    </message>
    <message>
        <source>Accept all above…</source>
        <translation>Tout accepter au-dessus de…</translation>
    </message>
    <message>
        <source>Quality of the learned suggestions: not measured yet</source>
        <translation>Qualité des suggestions apprises : pas encore mesurée</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Mesurer</translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) in this document</source>
        <translation>
            <numerusform>%n suggestion dans ce document</numerusform>
            <numerusform>%n suggestions dans ce document</numerusform>
        </translation>
    </message>
    <message>
        <source>your annotations</source>
        <translation>vos annotations</translation>
    </message>
    <message>
        <source>the gold layer</source>
        <translation>la couche de référence</translation>
    </message>
    <message>
        <source>Learned, on {0} ({1} documents, one left out at a time): P {2} · R {3} · F1 {4}</source>
        <translation>Apprises, sur {0} ({1} documents, un laissé de côté à la fois) : P {2} · R {3} · F1 {4}</translation>
    </message>
</context>
<context>
    <name>TableModel</name>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Lang.</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>Segments</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Match in context</source>
        <translation>Résultat en contexte</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
</context>
<context>
    <name>TeamPanels</name>
    <message>
        <source>Guidelines</source>
        <translation>Guide d&apos;annotation</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Active time not stored: {0}</source>
        <translation>Temps actif non enregistré : {0}</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>Back up now…</source>
        <translation>Sauvegarder maintenant…</translation>
    </message>
    <message>
        <source>Restore from backup…</source>
        <translation>Restaurer une sauvegarde…</translation>
    </message>
    <message>
        <source>Switch annotator…</source>
        <translation>Changer d’annotateur…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>Delete annotation</source>
        <translation>Supprimer l’annotation</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Link {0}…</source>
        <translation>Lier {0}…</translation>
    </message>
    <message>
        <source>Link to an entity…</source>
        <translation>Lier à une entité…</translation>
    </message>
    <message>
        <source>Accept the suggested link</source>
        <translation>Accepter le lien suggéré</translation>
    </message>
    <message>
        <source>Exact characters (no word snapping)</source>
        <translation>Caractères exacts (sans calage sur les mots)</translation>
    </message>
    <message>
        <source>Keep selections character-exact; holding Alt while selecting does it once</source>
        <translation>Garder des sélections exactes au caractère près ; maintenir Alt en sélectionnant le fait une fois</translation>
    </message>
    <message>
        <source>Find in document…</source>
        <translation>Chercher dans le document…</translation>
    </message>
    <message>
        <source>Find in corpus…</source>
        <translation>Chercher dans le corpus…</translation>
    </message>
    <message>
        <source>Annotate all occurrences…</source>
        <translation>Annoter toutes les occurrences…</translation>
    </message>
    <message>
        <source>Schema…</source>
        <translation>Schéma…</translation>
    </message>
    <message>
        <source>Assign documents…</source>
        <translation>Attribuer les documents…</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Aller</translation>
    </message>
    <message>
        <source>Next document</source>
        <translation>Document suivant</translation>
    </message>
    <message>
        <source>Previous document</source>
        <translation>Document précédent</translation>
    </message>
    <message>
        <source>Next annotation</source>
        <translation>Annotation suivante</translation>
    </message>
    <message>
        <source>Previous annotation</source>
        <translation>Annotation précédente</translation>
    </message>
    <message>
        <source>&amp;Suggestions</source>
        <translation>&amp;Suggestions</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Font…</source>
        <translation>Police…</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Taille réelle</translation>
    </message>
    <message>
        <source>Show invisible characters</source>
        <translation>Afficher les caractères invisibles</translation>
    </message>
    <message>
        <source>Label names</source>
        <translation>Noms des étiquettes</translation>
    </message>
    <message>
        <source>Interface language (at next start)</source>
        <translation>Langue de l’interface (au prochain démarrage)</translation>
    </message>
    <message>
        <source>Open side by side…</source>
        <translation>Ouvrir côte à côte…</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Révision</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Keyboard shortcuts…</source>
        <translation>Raccourcis clavier…</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source> Status: </source>
        <translation> État : </translation>
    </message>
    <message>
        <source>Next suggestion</source>
        <translation>Suggestion suivante</translation>
    </message>
    <message>
        <source>Previous suggestion</source>
        <translation>Suggestion précédente</translation>
    </message>
    <message>
        <source>Accept suggestion</source>
        <translation>Accepter la suggestion</translation>
    </message>
    <message>
        <source>Reject suggestion</source>
        <translation>Rejeter la suggestion</translation>
    </message>
    <message>
        <source>Accept suggestion (Enter)</source>
        <translation>Accepter la suggestion (Entrée)</translation>
    </message>
    <message>
        <source>Accept all of a label above a score…</source>
        <translation>Tout accepter d’une étiquette au-dessus d’un score…</translation>
    </message>
    <message>
        <source>Show suggestions</source>
        <translation>Afficher les suggestions</translation>
    </message>
    <message>
        <source>Reload suggestions (gazetteers, models, gold)</source>
        <translation>Recharger les suggestions (répertoires, modèles, référence)</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Saved {0} — {1}</source>
        <translation>Enregistré {0} — {1}</translation>
    </message>
    <message>
        <source>Not saved — {0}: {1}</source>
        <translation>Non enregistré — {0} : {1}</translation>
    </message>
    <message>
        <source>{0} (again)</source>
        <translation>{0} (de nouveau)</translation>
    </message>
    <message>
        <source>relabel {0} → {1}</source>
        <translation>réétiquetage {0} → {1}</translation>
    </message>
    <message>
        <source>set {0} of {1}</source>
        <translation>réglage {0} de {1}</translation>
    </message>
    <message>
        <source>note on {0}</source>
        <translation>note sur {0}</translation>
    </message>
</context>
<context>
    <name>links</name>
    <message>
        <source>Select an annotation of the entity layer to link it</source>
        <translation>Choisissez une annotation de la couche des entités pour la lier</translation>
    </message>
</context>
</TS>
