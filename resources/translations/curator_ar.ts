<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>AcceptAboveDialog</name>
    <message>
        <source>Accept all suggestions of a label</source>
        <translation>قبول كل اقتراحات وسم واحد</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Lowest score</source>
        <translation>أدنى درجة</translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) will be accepted, as one step (one undo)</source>
        <translation>
            <numerusform>لن يُقبل أي اقتراح</numerusform>
            <numerusform>سيُقبل اقتراح واحد، في خطوة واحدة (تراجع واحد)</numerusform>
            <numerusform>سيُقبل اقتراحان، في خطوة واحدة (تراجع واحد)</numerusform>
            <numerusform>ستُقبل %n اقتراحات، في خطوة واحدة (تراجع واحد)</numerusform>
            <numerusform>سيُقبل %n اقتراحًا، في خطوة واحدة (تراجع واحد)</numerusform>
            <numerusform>سيُقبل %n اقتراح، في خطوة واحدة (تراجع واحد)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AcceptEditDialog</name>
    <message>
        <source>Accept and edit</source>
        <translation>قبول مع التعديل</translation>
    </message>
    <message>
        <source>Use the selection</source>
        <translation>استعمال التحديد</translation>
    </message>
    <message>
        <source>Take the boundaries from the text selected in a pane</source>
        <translation>أخذ الحدود من النص المحدد في أحد الألواح</translation>
    </message>
    <message>
        <source>Accept edited</source>
        <translation>قبول النسخة المعدَّلة</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>الانطلاق من</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>start</source>
        <translation>البداية</translation>
    </message>
    <message>
        <source>end</source>
        <translation>النهاية</translation>
    </message>
    <message>
        <source>Boundaries</source>
        <translation>الحدود</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Select the text in one of the panes first.</source>
        <translation>حدِّد النص في أحد الألواح أولًا.</translation>
    </message>
</context>
<context>
    <name>AnnotateAllDialog</name>
    <message>
        <source>Annotate all occurrences</source>
        <translation>توسيم كل المواضع</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>إضافة</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>الموضع</translation>
    </message>
    <message>
        <source>In context</source>
        <translation>في السياق</translation>
    </message>
    <message>
        <source>Add these</source>
        <translation>إضافة هذه</translation>
    </message>
    <message>
        <source>Label every occurrence of “{0}” as</source>
        <translation>توسيم كل مواضع «⁨{0}⁩» بالوسم</translation>
    </message>
    <message>
        <source> (already)</source>
        <translation> (موجود)</translation>
    </message>
    <message>
        <source> (inside a {0})</source>
        <translation> (داخل ⁨{0}⁩)</translation>
    </message>
    <message numerus="yes">
        <source>{0} of %Ln occurrence(s) will be added</source>
        <translation>
            <numerusform>سيُضاف ⁨{0}⁩ من أصل %Ln موضع</numerusform>
            <numerusform>سيُضاف ⁨{0}⁩ من أصل موضع واحد</numerusform>
            <numerusform>سيُضاف ⁨{0}⁩ من أصل موضعين</numerusform>
            <numerusform>سيُضاف ⁨{0}⁩ من أصل %Ln مواضع</numerusform>
            <numerusform>سيُضاف ⁨{0}⁩ من أصل %Ln موضعًا</numerusform>
            <numerusform>سيُضاف ⁨{0}⁩ من أصل %Ln موضع</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AnnotationController</name>
    <message>
        <source>Open a document first</source>
        <translation>افتح وثيقة أولًا</translation>
    </message>
    <message>
        <source>{0}: {1} → {2} on «{3}»</source>
        <translation>⁨{0}⁩: ⁨{1}⁩ ← ⁨{2}⁩ على «⁨{3}⁩»</translation>
    </message>
    <message>
        <source>Select some text first (hold Alt for exact characters)</source>
        <translation>حدِّد نصًّا أولًا (اضغط Alt مطوَّلًا لتحديد الحروف بدقة)</translation>
    </message>
    <message>
        <source>The selection holds no word to label</source>
        <translation>لا يحوي التحديد أي كلمة لتوسيمها</translation>
    </message>
    <message>
        <source>Already annotated</source>
        <translation>موسوم من قبل</translation>
    </message>
    <message>
        <source>{0}: {1} on «{2}»</source>
        <translation>⁨{0}⁩: ⁨{1}⁩ على «⁨{2}⁩»</translation>
    </message>
    <message>
        <source>Select the claim first, then press the link key</source>
        <translation>حدِّد التصريح أولًا، ثم اضغط مفتاح الربط</translation>
    </message>
    <message>
        <source>No link starts from a {0} annotation</source>
        <translation>لا يبدأ أي ربط من توسيم ⁨{0}⁩</translation>
    </message>
    <message>
        <source>Click the {0} ({1}), or Tab to it and press Enter — Esc cancels</source>
        <translation>انقر على ⁨{0}⁩ (⁨{1}⁩)، أو انتقل إليه بمفتاح Tab واضغط Enter — Esc للإلغاء</translation>
    </message>
    <message>
        <source>Link cancelled</source>
        <translation>أُلغي الربط</translation>
    </message>
</context>
<context>
    <name>AnnotatorChooser</name>
    <message>
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>⁨{0}⁩ من ⁨{1}⁩</translation>
    </message>
</context>
<context>
    <name>AssignmentDialog</name>
    <message>
        <source>Assign documents</source>
        <translation>إسناد الوثائق</translation>
    </message>
    <message>
        <source>More annotators, comma-separated (logins on a server)</source>
        <translation>معلِّقون آخرون، مفصولون بفواصل (أسماء الدخول على الخادم)</translation>
    </message>
    <message>
        <source>Assign afresh (drop the assignments already made)</source>
        <translation>إسناد من جديد (إلغاء الإسنادات السابقة)</translation>
    </message>
    <message>
        <source>Only the documents the list shows (its filter)</source>
        <translation>الوثائق التي تعرضها القائمة فقط (بحسب تصفيتها)</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>المعلِّق</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>الوثائق</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>معاينة</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>إسناد</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>المعلِّقون</translation>
    </message>
    <message>
        <source>Annotators per document</source>
        <translation>عدد المعلِّقين لكل وثيقة</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>البذرة</translation>
    </message>
    <message>
        <source>An annotator login of the server, with no work in this database yet</source>
        <translation>حساب معلِّق على الخادم، لا عمل له في قاعدة البيانات هذه بعد</translation>
    </message>
    <message>
        <source>{0} assignments to make, {1} kept, {2} removed</source>
        <translation>⁨{0}⁩ إسنادات جديدة، ⁨{1}⁩ محفوظة، ⁨{2}⁩ مُزالة</translation>
    </message>
</context>
<context>
    <name>AttributeChoice</name>
    <message>
        <source>{0} (not in the schema)</source>
        <translation>⁨{0}⁩ (غير موجود في المخطط)</translation>
    </message>
    <message>
        <source>Stored with this value, which the schema does not list; kept unless you choose another</source>
        <translation>محفوظ بهذه القيمة التي لا يذكرها المخطط؛ تبقى ما لم تختر قيمة أخرى</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>Backup failed: {0}</source>
        <translation>فشل النسخ الاحتياطي: ⁨{0}⁩</translation>
    </message>
    <message>
        <source>Automatic backup saved: {0}</source>
        <translation>حُفظت النسخة الاحتياطية التلقائية: ⁨{0}⁩</translation>
    </message>
    <message>
        <source>Backup saved: {0}</source>
        <translation>حُفظت النسخة الاحتياطية: ⁨{0}⁩</translation>
    </message>
    <message>
        <source>Replace everything in the database with the backup {0} (saved {1})?

Work saved since then is replaced. The current state is backed up first, into {2}.</source>
        <translation>استبدال كل ما في قاعدة البيانات بالنسخة الاحتياطية ⁨{0}⁩ (المحفوظة في ⁨{1}⁩)؟

سيُستبدل العمل المحفوظ منذ ذلك الحين. تُحفظ الحالة الحالية أولًا في ⁨{2}⁩.</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>الاستعادة من نسخة احتياطية</translation>
    </message>
    <message>
        <source>Not restored: {0}</source>
        <translation>لم تتم الاستعادة: ⁨{0}⁩</translation>
    </message>
    <message>
        <source>Restored {0}; the previous state is in {1}</source>
        <translation>استُعيدت ⁨{0}⁩؛ الحالة السابقة في ⁨{1}⁩</translation>
    </message>
    <message>
        <source>This database is open read-only.</source>
        <translation>قاعدة البيانات هذه مفتوحة للقراءة فقط.</translation>
    </message>
    <message>
        <source>Backups from the window are for SQLite databases; back up a PostgreSQL server with pg_dump.</source>
        <translation>النسخ الاحتياطي من النافذة خاص بقواعد SQLite؛ انسخ خادم PostgreSQL احتياطيًا بالأمر pg_dump.</translation>
    </message>
    <message>
        <source>Back up the database</source>
        <translation>نسخ قاعدة البيانات احتياطيًا</translation>
    </message>
    <message>
        <source>SQLite database (*.sqlite)</source>
        <translation>قاعدة بيانات SQLite (*.sqlite)</translation>
    </message>
</context>
<context>
    <name>BulkAcceptDialog</name>
    <message>
        <source>Bulk accept into the gold layer</source>
        <translation>قبول جماعي في الطبقة المرجعية</translation>
    </message>
    <message>
        <source>this document</source>
        <translation>هذه الوثيقة</translation>
    </message>
    <message>
        <source>every document</source>
        <translation>كل الوثائق</translation>
    </message>
    <message>
        <source>every layer</source>
        <translation>كل الطبقات</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>أين</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>الطبقة</translation>
    </message>
</context>
<context>
    <name>CommentCommand</name>
    <message>
        <source>reply</source>
        <translation>ردّ</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>تعليق</translation>
    </message>
    <message>
        <source>delete comment</source>
        <translation>حذف التعليق</translation>
    </message>
</context>
<context>
    <name>CommentsPanel</name>
    <message>
        <source>Comment…</source>
        <translation>تعليق…</translation>
    </message>
    <message>
        <source>on the selected annotation</source>
        <translation>على التوسيم المحدد</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>علِّق</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>ردّ</translation>
    </message>
    <message>
        <source>Reply to the thread of the chosen comment</source>
        <translation>الرد في سلسلة التعليق المختار</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>Delete your chosen comment (while no one has replied to it)</source>
        <translation>حذف تعليقك المختار (ما دام لم يرد عليه أحد)</translation>
    </message>
    <message>
        <source>Comments could not be read: {0}</source>
        <translation>تعذّرت قراءة التعليقات: ⁨{0}⁩</translation>
    </message>
    <message>
        <source>Choose the comment to reply to</source>
        <translation>اختر التعليق الذي تريد الرد عليه</translation>
    </message>
    <message>
        <source>Comment not saved: {0}</source>
        <translation>لم يُحفظ التعليق: ⁨{0}⁩</translation>
    </message>
    <message>
        <source>Reply saved</source>
        <translation>حُفظ الرد</translation>
    </message>
    <message>
        <source>Comment saved</source>
        <translation>حُفظ التعليق</translation>
    </message>
    <message>
        <source>Comment not deleted: {0}</source>
        <translation>لم يُحذف التعليق: ⁨{0}⁩</translation>
    </message>
    <message>
        <source>Comment deleted</source>
        <translation>حُذف التعليق</translation>
    </message>
    <message>
        <source> on a deleted annotation</source>
        <translation> على توسيم محذوف</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Conflicting edit</source>
        <translation>تعديل متعارض</translation>
    </message>
    <message>
        <source>A colleague deleted this annotation after you opened it.</source>
        <translation>حذف أحد الزملاء هذا التوسيم بعد أن فتحته.</translation>
    </message>
    <message>
        <source>A colleague changed this annotation after you opened it; you deleted it.</source>
        <translation>غيّر أحد الزملاء هذا التوسيم بعد أن فتحته، وأنت حذفته.</translation>
    </message>
    <message>
        <source>A colleague changed this annotation after you opened it.</source>
        <translation>غيّر أحد الزملاء هذا التوسيم بعد أن فتحته.</translation>
    </message>
    <message>
        <source>Your edit ({0}) was not saved and nothing was overwritten. Which version do you keep?</source>
        <translation>لم يُحفظ تعديلك (⁨{0}⁩) ولم يُكتب فوق أي شيء. أي نسخة تُبقي؟</translation>
    </message>
    <message>
        <source>Yours (not saved)</source>
        <translation>نسختك (غير محفوظة)</translation>
    </message>
    <message>
        <source>Theirs (saved)</source>
        <translation>نسخة الزميل (محفوظة)</translation>
    </message>
    <message>
        <source>What &quot;Apply mine&quot; saves: your changes over their version (the rest stays theirs)</source>
        <translation>ما يحفظه «تطبيق نسختي»: تغييراتك فوق نسخة الزميل (ويبقى الباقي كما هو عنده)</translation>
    </message>
    <message>
        <source>made on {0}</source>
        <translation>أُجري على ⁨{0}⁩</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>إبقاء نسخة الزميل</translation>
    </message>
    <message>
        <source>Delete anyway</source>
        <translation>الحذف على أي حال</translation>
    </message>
    <message>
        <source>Apply mine</source>
        <translation>تطبيق نسختي</translation>
    </message>
    <message>
        <source>Add mine again</source>
        <translation>إضافة نسختي من جديد</translation>
    </message>
</context>
<context>
    <name>CorpusSearchPanel</name>
    <message>
        <source>Find in the corpus (Arabic- and accent-insensitive), Enter</source>
        <translation>البحث في المدونة (دون اعتبار الحركات والهمزات والنبرات)، Enter</translation>
    </message>
    <message numerus="yes">
        <source>%Ln match(es)</source>
        <translation>
            <numerusform>لا نتائج</numerusform>
            <numerusform>نتيجة واحدة</numerusform>
            <numerusform>نتيجتان</numerusform>
            <numerusform>%Ln نتائج</numerusform>
            <numerusform>%Ln نتيجة</numerusform>
            <numerusform>%Ln نتيجة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} in %Ln document(s)</source>
        <translation>
            <numerusform>⁨{0}⁩ في %Ln وثيقة</numerusform>
            <numerusform>⁨{0}⁩ في وثيقة واحدة</numerusform>
            <numerusform>⁨{0}⁩ في وثيقتين</numerusform>
            <numerusform>⁨{0}⁩ في %Ln وثائق</numerusform>
            <numerusform>⁨{0}⁩ في %Ln وثيقة</numerusform>
            <numerusform>⁨{0}⁩ في %Ln وثيقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Indexing {0} of %Ln document(s) for search…</source>
        <translation>
            <numerusform>فهرسة ⁨{0}⁩ من أصل %Ln وثيقة للبحث…</numerusform>
            <numerusform>فهرسة ⁨{0}⁩ من أصل وثيقة واحدة للبحث…</numerusform>
            <numerusform>فهرسة ⁨{0}⁩ من أصل وثيقتين للبحث…</numerusform>
            <numerusform>فهرسة ⁨{0}⁩ من أصل %Ln وثائق للبحث…</numerusform>
            <numerusform>فهرسة ⁨{0}⁩ من أصل %Ln وثيقة للبحث…</numerusform>
            <numerusform>فهرسة ⁨{0}⁩ من أصل %Ln وثيقة للبحث…</numerusform>
        </translation>
    </message>
    <message>
        <source>Search index: {0}</source>
        <translation>فهرس البحث: ⁨{0}⁩</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <source>given to nobody</source>
        <translation>غير مُسندة</translation>
    </message>
    <message>
        <source>annotating</source>
        <translation>قيد التوسيم</translation>
    </message>
    <message>
        <source>ready for curation</source>
        <translation>جاهزة للتنقيح</translation>
    </message>
    <message>
        <source>in curation</source>
        <translation>قيد التنقيح</translation>
    </message>
    <message>
        <source>curated</source>
        <translation>منقَّحة</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>المعلِّق</translation>
    </message>
    <message>
        <source>New</source>
        <translation>جديدة</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>منجزة</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>التوسيمات</translation>
    </message>
    <message>
        <source>Active time</source>
        <translation>الوقت الفعلي</translation>
    </message>
    <message>
        <source>Agreement (αU)</source>
        <translation>الاتفاق (αU)</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>الوثيقة</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Documents by stage</source>
        <translation>الوثائق حسب المرحلة</translation>
    </message>
    <message>
        <source>Annotators: done, in progress, new</source>
        <translation>المعلِّقون: منجزة، قيد العمل، جديدة</translation>
    </message>
    <message>
        <source>Agreement per document, lowest first</source>
        <translation>الاتفاق لكل وثيقة، الأدنى أولًا</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>⁨{0}⁩ ث</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>⁨{0}⁩ د</translation>
    </message>
    <message>
        <source>{0} h {1} min</source>
        <translation>⁨{0}⁩ س ⁨{1}⁩ د</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>لا وثائق</numerusform>
            <numerusform>وثيقة واحدة</numerusform>
            <numerusform>وثيقتان</numerusform>
            <numerusform>%n وثائق</numerusform>
            <numerusform>%n وثيقة</numerusform>
            <numerusform>%n وثيقة</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <source>given to {0}; it is read-only for {1}</source>
        <translation>مُسنَدة إلى ⁨{0}⁩؛ وهي للقراءة فقط بالنسبة إلى ⁨{1}⁩</translation>
    </message>
    <message>
        <source>locked: its curation has started ({0}); a curator reopens it by setting its review state back to not reviewed</source>
        <translation>مقفلة: بدأ تنقيحها (⁨{0}⁩)؛ يعيد المنقِّح فتحها بإرجاع حالة مراجعتها إلى «غير مُراجَعة»</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message numerus="yes">
        <source>#{0} · %n character(s)</source>
        <translation>
            <numerusform>رقم ⁨{0}⁩ · لا أحرف</numerusform>
            <numerusform>رقم ⁨{0}⁩ · حرف واحد</numerusform>
            <numerusform>رقم ⁨{0}⁩ · حرفان</numerusform>
            <numerusform>رقم ⁨{0}⁩ · %n أحرف</numerusform>
            <numerusform>رقم ⁨{0}⁩ · %n حرفًا</numerusform>
            <numerusform>رقم ⁨{0}⁩ · %n حرف</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentListPanel</name>
    <message>
        <source>Filter by title…</source>
        <translation>التصفية حسب العنوان…</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>كل الحالات</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>كل اللغات</translation>
    </message>
    <message>
        <source>Review state (Review window)</source>
        <translation>حالة المراجعة (نافذة المراجعة)</translation>
    </message>
    <message>
        <source>Any review state</source>
        <translation>كل حالات المراجعة</translation>
    </message>
    <message>
        <source>Show all documents</source>
        <translation>عرض كل الوثائق</translation>
    </message>
    <message>
        <source>Also the documents given to other annotators (read-only for you)</source>
        <translation>والوثائق المسندة إلى معلِّقين آخرين أيضًا (للقراءة فقط بالنسبة إليك)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>لا وثائق</numerusform>
            <numerusform>وثيقة واحدة</numerusform>
            <numerusform>وثيقتان</numerusform>
            <numerusform>%Ln وثائق</numerusform>
            <numerusform>%Ln وثيقة</numerusform>
            <numerusform>%Ln وثيقة</numerusform>
        </translation>
    </message>
    <message>
        <source>Read-only: {0}</source>
        <translation>للقراءة فقط: ⁨{0}⁩</translation>
    </message>
</context>
<context>
    <name>DocumentStatus</name>
    <message>
        <source>New</source>
        <translation>جديدة</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>قيد الإنجاز</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>منجزة</translation>
    </message>
</context>
<context>
    <name>EditCommand</name>
    <message>
        <source>undo {0}</source>
        <translation>تراجع عن ⁨{0}⁩</translation>
    </message>
    <message>
        <source>add {0} “{1}”</source>
        <translation>إضافة ⁨{0}⁩ «⁨{1}⁩»</translation>
    </message>
    <message>
        <source>add {0} × {1}</source>
        <translation>إضافة ⁨{0}⁩ × ⁨{1}⁩</translation>
    </message>
    <message>
        <source>add {0} × {1} ({2} refused: {3})</source>
        <translation>إضافة ⁨{0}⁩ × ⁨{1}⁩ (رُفض ⁨{2}⁩: ⁨{3}⁩)</translation>
    </message>
    <message>
        <source>delete {0}</source>
        <translation>حذف ⁨{0}⁩</translation>
    </message>
    <message>
        <source>link {0}</source>
        <translation>ربط ⁨{0}⁩</translation>
    </message>
    <message>
        <source>remove {0} link</source>
        <translation>إزالة ربط ⁨{0}⁩</translation>
    </message>
    <message>
        <source>tick {0}</source>
        <translation>تحديد ⁨{0}⁩</translation>
    </message>
    <message>
        <source>untick {0}</source>
        <translation>إلغاء تحديد ⁨{0}⁩</translation>
    </message>
    <message>
        <source>mark {0}</source>
        <translation>تعيين الحالة: ⁨{0}⁩</translation>
    </message>
    <message>
        <source>reject {0} “{1}”</source>
        <translation>رفض الاقتراح ⁨{0}⁩ «⁨{1}⁩»</translation>
    </message>
</context>
<context>
    <name>EntityChooser</name>
    <message>
        <source>Link to an entity</source>
        <translation>ربط بكيان</translation>
    </message>
    <message>
        <source>Entities for “{0}”, best first:</source>
        <translation>الكيانات المرشحة لـ «⁨{0}⁩»، الأفضل أولًا:</translation>
    </message>
    <message>
        <source>Search the registry</source>
        <translation>البحث في السجل</translation>
    </message>
    <message>
        <source>New entity from this span</source>
        <translation>كيان جديد من هذا المقطع</translation>
    </message>
</context>
<context>
    <name>EntityLinks</name>
    <message>
        <source>No suggested link for this annotation: K chooses an entity</source>
        <translation>لا ربط مقترح لهذا التوسيم: K لاختيار كيان</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export a dataset</source>
        <translation>تصدير مجموعة بيانات</translation>
    </message>
    <message>
        <source>Where to write the dataset</source>
        <translation>أين تُكتب مجموعة البيانات</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <source>Spreadsheet-safe (formulas neutralised)</source>
        <translation>آمن لجداول البيانات (الصيغ معطَّلة)</translation>
    </message>
    <message>
        <source>Plain CSV</source>
        <translation>CSV عادي</translation>
    </message>
    <message>
        <source>CSV cells</source>
        <translation>خلايا CSV</translation>
    </message>
    <message>
        <source>Annotations of</source>
        <translation>توسيمات</translation>
    </message>
    <message>
        <source>Every annotator</source>
        <translation>كل المعلِّقين</translation>
    </message>
    <message>
        <source>These annotators:</source>
        <translation>هؤلاء المعلِّقون:</translation>
    </message>
    <message>
        <source>The curated gold layer</source>
        <translation>الطبقة المرجعية المعتمدة</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>الطبقات</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>الوثائق</translation>
    </message>
    <message>
        <source>ids given at import, comma-separated</source>
        <translation>المعرِّفات المعطاة عند الاستيراد، مفصولة بفواصل</translation>
    </message>
    <message>
        <source>Every document ({0})</source>
        <translation>كل الوثائق (⁨{0}⁩)</translation>
    </message>
    <message>
        <source>The open document</source>
        <translation>الوثيقة المفتوحة</translation>
    </message>
    <message>
        <source>The documents the list shows (its filters)</source>
        <translation>الوثائق التي تعرضها القائمة (حسب مرشحاتها)</translation>
    </message>
    <message>
        <source>These ids:</source>
        <translation>هذه المعرِّفات:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>المُخرَج</translation>
    </message>
    <message>
        <source>The documents the list shows</source>
        <translation>الوثائق التي تعرضها القائمة</translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s) will be exported</source>
        <translation>
            <numerusform>لن تُصدَّر أي وثيقة</numerusform>
            <numerusform>ستُصدَّر وثيقة واحدة</numerusform>
            <numerusform>ستُصدَّر وثيقتان</numerusform>
            <numerusform>ستُصدَّر %Ln وثائق</numerusform>
            <numerusform>ستُصدَّر %Ln وثيقة</numerusform>
            <numerusform>ستُصدَّر %Ln وثيقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%v of %Ln document(s)</source>
        <translation>
            <numerusform>%v من أصل %Ln وثيقة</numerusform>
            <numerusform>%v من أصل وثيقة واحدة</numerusform>
            <numerusform>%v من أصل وثيقتين</numerusform>
            <numerusform>%v من أصل %Ln وثائق</numerusform>
            <numerusform>%v من أصل %Ln وثيقة</numerusform>
            <numerusform>%v من أصل %Ln وثيقة</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose where to write the dataset.</source>
        <translation>اختر أين تُكتب مجموعة البيانات.</translation>
    </message>
    <message>
        <source>Tick at least one annotator.</source>
        <translation>اختر معلِّقًا واحدًا على الأقل.</translation>
    </message>
    <message>
        <source>Tick at least one layer.</source>
        <translation>اختر طبقة واحدة على الأقل.</translation>
    </message>
    <message>
        <source>Give the ids of the documents to export.</source>
        <translation>أدخل معرِّفات الوثائق المراد تصديرها.</translation>
    </message>
    <message>
        <source>Some of these ids are not in the database.</source>
        <translation>بعض هذه المعرِّفات غير موجود في قاعدة البيانات.</translation>
    </message>
    <message>
        <source>{0} exists. Write the export there anyway (files of the same name are replaced)?</source>
        <translation>⁨{0}⁩ موجود. هل يُكتب التصدير فيه رغم ذلك (تُستبدل الملفات ذات الاسم نفسه)؟</translation>
    </message>
    <message>
        <source>Exporting {0} to {1}…</source>
        <translation>جارٍ تصدير ⁨{0}⁩ إلى ⁨{1}⁩…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>جارٍ الإلغاء…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln document(s) to {0}</source>
        <translation>
            <numerusform>لم تُصدَّر أي وثيقة إلى ⁨{0}⁩</numerusform>
            <numerusform>صُدِّرت وثيقة واحدة إلى ⁨{0}⁩</numerusform>
            <numerusform>صُدِّرت وثيقتان إلى ⁨{0}⁩</numerusform>
            <numerusform>صُدِّرت %Ln وثائق إلى ⁨{0}⁩</numerusform>
            <numerusform>صُدِّرت %Ln وثيقة إلى ⁨{0}⁩</numerusform>
            <numerusform>صُدِّرت %Ln وثيقة إلى ⁨{0}⁩</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed: {0}</source>
        <translation>فشل التصدير: ⁨{0}⁩</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was left behind.</source>
        <translation>أُلغي التصدير؛ لم يبقَ أي أثر.</translation>
    </message>
    <message>
        <source>Export into folder</source>
        <translation>التصدير إلى مجلد</translation>
    </message>
    <message>
        <source>Export to file</source>
        <translation>التصدير إلى ملف</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in document (ignores tashkeel, hamza forms, accents)</source>
        <translation>البحث في الوثيقة (دون اعتبار التشكيل وصور الهمزة والنبرات)</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>النتيجة السابقة (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>النتيجة التالية (Enter)</translation>
    </message>
    <message>
        <source>Annotate all…</source>
        <translation>توسيم الكل…</translation>
    </message>
    <message>
        <source>Label every occurrence, after a preview</source>
        <translation>توسيم كل المواضع بعد معاينتها</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>لا نتيجة</translation>
    </message>
</context>
<context>
    <name>GuidelinesPane</name>
    <message>
        <source>No guidelines yet: a manager imports them with curator guidelines import.</source>
        <translation>لا توجد إرشادات بعد: يستوردها المدير بالأمر curator guidelines import.</translation>
    </message>
    <message>
        <source>Version {0}, {1}</source>
        <translation>الإصدار ⁨{0}⁩، ⁨{1}⁩</translation>
    </message>
    <message>
        <source>not written in this language: shown in {0}</source>
        <translation>غير مكتوبة بهذه اللغة: معروضة بـ⁨{0}⁩</translation>
    </message>
</context>
<context>
    <name>KeyboardReach</name>
    <message>
        <source>Choose a document…</source>
        <translation>اختيار وثيقة…</translation>
    </message>
    <message>
        <source>Edit the annotation&apos;s attributes</source>
        <translation>تحرير سمات التوسيم</translation>
    </message>
    <message>
        <source>Comment…</source>
        <translation>تعليق…</translation>
    </message>
    <message>
        <source>My status of this document…</source>
        <translation>حالتي في هذه الوثيقة…</translation>
    </message>
    <message>
        <source>Select an annotation first (Ctrl+. steps to the next one)</source>
        <translation>اختر توسيمًا أولًا (Ctrl+. للانتقال إلى التالي)</translation>
    </message>
    <message>
        <source>Open a document first</source>
        <translation>افتح وثيقة أولًا</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Documents</source>
        <translation>الوثائق</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Annotation</source>
        <translation>التوسيم</translation>
    </message>
    <message>
        <source>Cooperation areas</source>
        <translation>مجالات التعاون</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>التوسيمات</translation>
    </message>
    <message>
        <source>Find in corpus</source>
        <translation>البحث في المدونة</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>الاقتراحات</translation>
    </message>
    <message>
        <source>Entity mentions</source>
        <translation>إشارات الكيان</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>التعليقات</translation>
    </message>
    <message>
        <source>Review tools are not installed</source>
        <translation>أدوات المراجعة غير مثبَّتة</translation>
    </message>
    <message>
        <source>Open review window…</source>
        <translation>فتح نافذة المراجعة…</translation>
    </message>
    <message>
        <source>The review window is not available yet.</source>
        <translation>نافذة المراجعة غير متاحة بعد.</translation>
    </message>
    <message>
        <source>That document no longer exists</source>
        <translation>لم تعد هذه الوثيقة موجودة</translation>
    </message>
    <message>
        <source>No more documents this way</source>
        <translation>لا مزيد من الوثائق في هذا الاتجاه</translation>
    </message>
    <message>
        <source>Updated with changes saved elsewhere</source>
        <translation>حُدِّث بالتغييرات المحفوظة في مكان آخر</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln document(s) to {0}</source>
        <translation>
            <numerusform>لم تُصدَّر أي وثيقة إلى ⁨{0}⁩</numerusform>
            <numerusform>صُدِّرت وثيقة واحدة إلى ⁨{0}⁩</numerusform>
            <numerusform>صُدِّرت وثيقتان إلى ⁨{0}⁩</numerusform>
            <numerusform>صُدِّرت %Ln وثائق إلى ⁨{0}⁩</numerusform>
            <numerusform>صُدِّرت %Ln وثيقة إلى ⁨{0}⁩</numerusform>
            <numerusform>صُدِّرت %Ln وثيقة إلى ⁨{0}⁩</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a word or an annotation first</source>
        <translation>حدِّد كلمة أو توسيمًا أولًا</translation>
    </message>
    <message>
        <source>The schema was changed elsewhere</source>
        <translation>عُدِّل المخطط في مكان آخر</translation>
    </message>
    <message>
        <source>You annotate as your server login, {0}; log in as another user to switch.</source>
        <translation>تعلّق باسم دخولك إلى الخادم، ⁨{0}⁩؛ سجّل الدخول باسم مستخدم آخر لتغييره.</translation>
    </message>
    <message>
        <source>Now annotating as {0}</source>
        <translation>تُوسِّم الآن باسم ⁨{0}⁩</translation>
    </message>
    <message>
        <source>Font of the text</source>
        <translation>خط النص</translation>
    </message>
    <message>
        <source>The interface will be in {0} from the next start</source>
        <translation>ستكون الواجهة بـ⁨{0}⁩ من التشغيل القادم</translation>
    </message>
</context>
<context>
    <name>MentionsPanel</name>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>الوثيقة</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>المعلِّق</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>الإشارات</translation>
    </message>
    <message>
        <source>Claims by this entity</source>
        <translation>تصريحات هذا الكيان</translation>
    </message>
    <message>
        <source>(the entity of the selected annotation)</source>
        <translation>(كيان التوسيم المحدد)</translation>
    </message>
    <message>
        <source>Select a linked annotation, or choose an entity above.</source>
        <translation>حدّد توسيمًا مربوطًا، أو اختر كيانًا في الأعلى.</translation>
    </message>
    <message>
        <source>{0} mention(s) in {1} document(s), {2} language(s); {3} claim(s)</source>
        <translation>الإشارات: ⁨{0}⁩ في الوثائق: ⁨{1}⁩، اللغات: ⁨{2}⁩؛ التصريحات: ⁨{3}⁩</translation>
    </message>
    <message>
        <source>Mentions ({0})</source>
        <translation>الإشارات (⁨{0}⁩)</translation>
    </message>
    <message>
        <source>Claims by this entity ({0})</source>
        <translation>تصريحات هذا الكيان (⁨{0}⁩)</translation>
    </message>
</context>
<context>
    <name>ParallelView</name>
    <message>
        <source>Side by side — Curator</source>
        <translation>جنبًا إلى جنب — Curator</translation>
    </message>
    <message>
        <source>Documents sharing ≥{0} linked entities</source>
        <translation>وثائق تشترك في ⁨{0}⁩ كيانات مربوطة أو أكثر</translation>
    </message>
    <message>
        <source>Group as one story…</source>
        <translation>جمعها قصةً واحدة…</translation>
    </message>
    <message>
        <source>No document shares {0} linked entities with this one</source>
        <translation>لا وثيقة تشترك مع هذه في ⁨{0}⁩ كيانات مربوطة</translation>
    </message>
    <message>
        <source>Sharing entities: {0}</source>
        <translation>كيانات مشتركة: ⁨{0}⁩</translation>
    </message>
    <message>
        <source>Group as one story</source>
        <translation>جمعها قصةً واحدة</translation>
    </message>
    <message>
        <source>Name of the story:</source>
        <translation>اسم القصة:</translation>
    </message>
    <message>
        <source>Story: {0}</source>
        <translation>القصة: ⁨{0}⁩</translation>
    </message>
</context>
<context>
    <name>QGuiApplication</name>
    <message>
        <source>QT_LAYOUT_DIRECTION</source>
        <translation>RTL</translation>
    </message>
</context>
<context>
    <name>RelateKeys</name>
    <message>
        <source>Nothing in this document can be linked to from here — Esc cancels</source>
        <translation>لا شيء في هذه الوثيقة يمكن ربطه من هنا — Esc للإلغاء</translation>
    </message>
    <message>
        <source>{0} of {1}: {2} «{3}» — Enter links, Tab goes on, Esc cancels</source>
        <translation>⁨{0}⁩ من ⁨{1}⁩: ⁨{2}⁩ «⁨{3}⁩» — Enter للربط، Tab للمتابعة، Esc للإلغاء</translation>
    </message>
</context>
<context>
    <name>ReviewCommand</name>
    <message>
        <source>mark as {0}</source>
        <translation>تعيين حالة المراجعة: ⁨{0}⁩</translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message>
        <source>accept {0}&apos;s {1}</source>
        <translation>قبول ⁨{1}⁩ لدى ⁨{0}⁩</translation>
    </message>
    <message>
        <source>reject {0}</source>
        <translation>رفض ⁨{0}⁩</translation>
    </message>
    <message>
        <source>accept {0}&apos;s span as {1} {2}-{3}</source>
        <translation>قبول مقطع ⁨{0}⁩ بوسم ⁨{1}⁩ ⁨{2}⁩-⁨{3}⁩</translation>
    </message>
    <message>
        <source>accept {0}</source>
        <translation>قبول ⁨{0}⁩</translation>
    </message>
</context>
<context>
    <name>ReviewKeys</name>
    <message>
        <source>&amp;Curate</source>
        <translation>ال&amp;تنقيح</translation>
    </message>
    <message>
        <source>Next difference</source>
        <translation>الاختلاف التالي</translation>
    </message>
    <message>
        <source>Previous difference</source>
        <translation>الاختلاف السابق</translation>
    </message>
    <message>
        <source>Next unresolved difference</source>
        <translation>الاختلاف غير المحسوم التالي</translation>
    </message>
    <message>
        <source>Previous unresolved difference</source>
        <translation>الاختلاف غير المحسوم السابق</translation>
    </message>
    <message>
        <source>Accept the version of annotator {0}</source>
        <translation>قبول نسخة المعلِّق ⁨{0}⁩</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>رفض</translation>
    </message>
    <message>
        <source>Accept and edit…</source>
        <translation>قبول وتحرير…</translation>
    </message>
    <message>
        <source>Remove from gold</source>
        <translation>إزالة من الطبقة المرجعية</translation>
    </message>
    <message>
        <source>Accept all agreed…</source>
        <translation>قبول كل ما اتُّفق عليه…</translation>
    </message>
    <message>
        <source>Bulk accept…</source>
        <translation>قبول جماعي…</translation>
    </message>
    <message>
        <source>&amp;Agreement</source>
        <translation>الا&amp;تفاق</translation>
    </message>
    <message>
        <source>Compute agreement</source>
        <translation>حساب الاتفاق</translation>
    </message>
    <message>
        <source>Compute per-document figures</source>
        <translation>حساب الأرقام لكل وثيقة</translation>
    </message>
    <message>
        <source>Export disagreements…</source>
        <translation>تصدير الاختلافات…</translation>
    </message>
    <message>
        <source>Write the agreement report…</source>
        <translation>كتابة تقرير الاتفاق…</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>ان&amp;تقال</translation>
    </message>
    <message>
        <source>Next document</source>
        <translation>الوثيقة التالية</translation>
    </message>
    <message>
        <source>Previous document</source>
        <translation>الوثيقة السابقة</translation>
    </message>
    <message>
        <source>Choose a document…</source>
        <translation>اختيار وثيقة…</translation>
    </message>
    <message>
        <source>Choose the annotators…</source>
        <translation>اختيار المعلِّقين…</translation>
    </message>
    <message>
        <source>Review state…</source>
        <translation>حالة المراجعة…</translation>
    </message>
    <message>
        <source>Comment…</source>
        <translation>تعليق…</translation>
    </message>
    <message>
        <source>Back to the differences</source>
        <translation>العودة إلى الاختلافات</translation>
    </message>
    <message>
        <source>Compare and curate</source>
        <translation>مقارنة وتنقيح</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>الاتفاق</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>الوثائق</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <source>Keyboard shortcuts…</source>
        <translation>اختصارات لوحة المفاتيح…</translation>
    </message>
    <message>
        <source>No more documents this way</source>
        <translation>لا مزيد من الوثائق في هذا الاتجاه</translation>
    </message>
</context>
<context>
    <name>ReviewState</name>
    <message>
        <source>not reviewed</source>
        <translation>غير مُراجَعة</translation>
    </message>
    <message>
        <source>in review</source>
        <translation>قيد المراجعة</translation>
    </message>
    <message>
        <source>curated</source>
        <translation>معتمَدة</translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation>غير مُراجَعة</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>قيد المراجعة</translation>
    </message>
    <message>
        <source>Curated</source>
        <translation>معتمَدة</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>Curator review — {0}</source>
        <translation>مراجعة Curator — ⁨{0}⁩</translation>
    </message>
    <message>
        <source>all documents</source>
        <translation>كل الوثائق</translation>
    </message>
    <message>
        <source>in id order</source>
        <translation>بترتيب المعرِّف</translation>
    </message>
    <message>
        <source>lowest agreement first</source>
        <translation>الأقل اتفاقًا أولًا</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>مقارنة</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>عرض</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>الوثيقة</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>المعلِّقون</translation>
    </message>
    <message>
        <source>Reject (X)</source>
        <translation>رفض (X)</translation>
    </message>
    <message>
        <source>Accept and edit… (E)</source>
        <translation>قبول مع التعديل… (E)</translation>
    </message>
    <message>
        <source>Remove from gold (R)</source>
        <translation>الإزالة من المرجع (R)</translation>
    </message>
    <message>
        <source>Accept all agreed… (Ctrl+Shift+A)</source>
        <translation>قبول كل المتفق عليه… (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>Bulk accept (majority, one annotator)…</source>
        <translation>قبول جماعي (الأغلبية، معلِّق واحد)…</translation>
    </message>
    <message>
        <source>Comment…</source>
        <translation>تعليق…</translation>
    </message>
    <message>
        <source>on the current annotation</source>
        <translation>على التوسيم الحالي</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>علِّق</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>ردّ</translation>
    </message>
    <message>
        <source>Differences (J/K, N/Shift+N)</source>
        <translation>الفروق (J/K، N/Shift+N)</translation>
    </message>
    <message>
        <source>Review state</source>
        <translation>حالة المراجعة</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>التعليقات</translation>
    </message>
    <message>
        <source>Compute agreement</source>
        <translation>حساب الاتفاق</translation>
    </message>
    <message>
        <source>Export disagreements…</source>
        <translation>تصدير الاختلافات…</translation>
    </message>
    <message>
        <source>Confusion of labels on matched spans: rows</source>
        <translation>التباس الوسوم على المقاطع المتطابقة: الصفوف</translation>
    </message>
    <message>
        <source>columns</source>
        <translation>الأعمدة</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>مخطط</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>مصفوفة الالتباس</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>الطبقة</translation>
    </message>
    <message>
        <source>Compute per-document figures</source>
        <translation>حساب الأرقام لكل وثيقة</translation>
    </message>
    <message>
        <source>Compare and curate</source>
        <translation>المقارنة والتنقيح</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>الاتفاق</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>الوثائق</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <source>nothing agreed is missing from the gold layer</source>
        <translation>لا ينقص الطبقة المرجعية شيء مما اتُّفق عليه</translation>
    </message>
    <message>
        <source>Accept all agreed</source>
        <translation>قبول كل المتفق عليه</translation>
    </message>
    <message>
        <source>This adds {0} to the gold layer:</source>
        <translation>سيضيف هذا ⁨{0}⁩ إلى الطبقة المرجعية:</translation>
    </message>
    <message>
        <source>added {0}</source>
        <translation>أُضيف: ⁨{0}⁩</translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>لا مقاطع</numerusform>
            <numerusform>مقطع واحد</numerusform>
            <numerusform>مقطعان</numerusform>
            <numerusform>%Ln مقاطع</numerusform>
            <numerusform>%Ln مقطعًا</numerusform>
            <numerusform>%Ln مقطع</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln relation(s)</source>
        <translation>
            <numerusform>لا علاقات</numerusform>
            <numerusform>علاقة واحدة</numerusform>
            <numerusform>علاقتان</numerusform>
            <numerusform>%Ln علاقات</numerusform>
            <numerusform>%Ln علاقة</numerusform>
            <numerusform>%Ln علاقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document label(s)</source>
        <translation>
            <numerusform>لا وسوم وثائق</numerusform>
            <numerusform>وسم وثيقة واحد</numerusform>
            <numerusform>وسما وثيقة</numerusform>
            <numerusform>%Ln وسوم وثائق</numerusform>
            <numerusform>%Ln وسمًا للوثائق</numerusform>
            <numerusform>%Ln وسم للوثائق</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>on %Ln document(s)</source>
        <translation>
            <numerusform>في لا وثائق</numerusform>
            <numerusform>في وثيقة واحدة</numerusform>
            <numerusform>في وثيقتين</numerusform>
            <numerusform>في %Ln وثائق</numerusform>
            <numerusform>في %Ln وثيقة</numerusform>
            <numerusform>في %Ln وثيقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s) refused by the schema</source>
        <translation>
            <numerusform>لم يرفض المخطط أي مقطع</numerusform>
            <numerusform>رفض المخطط مقطعًا واحدًا</numerusform>
            <numerusform>رفض المخطط مقطعين</numerusform>
            <numerusform>رفض المخطط %Ln مقاطع</numerusform>
            <numerusform>رفض المخطط %Ln مقطعًا</numerusform>
            <numerusform>رفض المخطط %Ln مقطع</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>wrote %Ln disagreement(s) to {0}</source>
        <translation>
            <numerusform>لم يُكتب أي اختلاف في ⁨{0}⁩</numerusform>
            <numerusform>كُتب اختلاف واحد في ⁨{0}⁩</numerusform>
            <numerusform>كُتب اختلافان في ⁨{0}⁩</numerusform>
            <numerusform>كُتبت %Ln اختلافات في ⁨{0}⁩</numerusform>
            <numerusform>كُتب %Ln اختلافًا في ⁨{0}⁩</numerusform>
            <numerusform>كُتب %Ln اختلاف في ⁨{0}⁩</numerusform>
        </translation>
    </message>
    <message>
        <source>Report written to {0}</source>
        <translation>كُتب التقرير في ⁨{0}⁩</translation>
    </message>
    <message>
        <source>{0} (spans)</source>
        <translation>⁨{0}⁩ (مقاطع)</translation>
    </message>
    <message>
        <source>{0} (documents)</source>
        <translation>⁨{0}⁩ (وثائق)</translation>
    </message>
    <message>
        <source>Accept {0} ({1})</source>
        <translation>قبول ⁨{0}⁩ (⁨{1}⁩)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln difference(s)</source>
        <translation>
            <numerusform>لا فروق</numerusform>
            <numerusform>فرق واحد</numerusform>
            <numerusform>فرقان</numerusform>
            <numerusform>%Ln فروق</numerusform>
            <numerusform>%Ln فرقًا</numerusform>
            <numerusform>%Ln فرق</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0}, %Ln resolved</source>
        <translation>
            <numerusform>⁨{0}⁩، لم يُحسم أي منها</numerusform>
            <numerusform>⁨{0}⁩، حُسم واحد منها</numerusform>
            <numerusform>⁨{0}⁩، حُسم اثنان منها</numerusform>
            <numerusform>⁨{0}⁩، حُسم منها %Ln</numerusform>
            <numerusform>⁨{0}⁩، حُسم منها %Ln</numerusform>
            <numerusform>⁨{0}⁩، حُسم منها %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>agreed, not in the gold layer yet: {0} (Ctrl+Shift+A)</source>
        <translation>مُتَّفق عليه ولم يدخل الطبقة المرجعية بعد: ⁨{0}⁩ (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>A confusion matrix is for span layers.</source>
        <translation>مصفوفة الالتباس خاصة بطبقات المقاطع.</translation>
    </message>
    <message>
        <source>Choose two different annotators.</source>
        <translation>اختر معلِّقَين مختلفَين.</translation>
    </message>
    <message>
        <source>Export disagreements</source>
        <translation>تصدير الاختلافات</translation>
    </message>
    <message>
        <source>Folder of the agreement report</source>
        <translation>مجلد تقرير الاتفاق</translation>
    </message>
</context>
<context>
    <name>SchemaDialog</name>
    <message>
        <source>Schema</source>
        <translation>المخطط</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>اللون</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>الاختصار</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>العربية</translation>
    </message>
    <message>
        <source>French</source>
        <translation>الفرنسية</translation>
    </message>
    <message>
        <source>English</source>
        <translation>الإنجليزية</translation>
    </message>
    <message>
        <source>Add label…</source>
        <translation>إضافة وسم…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>إعادة تسمية…</translation>
    </message>
    <message>
        <source>Merge into…</source>
        <translation>دمج في…</translation>
    </message>
    <message>
        <source>Split…</source>
        <translation>تقسيم…</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>اللون…</translation>
    </message>
    <message>
        <source>Shortcut…</source>
        <translation>الاختصار…</translation>
    </message>
    <message>
        <source>Add attribute…</source>
        <translation>إضافة سمة…</translation>
    </message>
    <message>
        <source>Saved: {0}</source>
        <translation>حُفظ: ⁨{0}⁩</translation>
    </message>
    <message>
        <source>Not saved — {0}: {1}</source>
        <translation>لم يُحفظ — ⁨{0}⁩: ⁨{1}⁩</translation>
    </message>
    <message>
        <source>Add a label to {0}</source>
        <translation>إضافة وسم إلى ⁨{0}⁩</translation>
    </message>
</context>
<context>
    <name>SchemaForms</name>
    <message>
        <source>Arabic name</source>
        <translation>الاسم بالعربية</translation>
    </message>
    <message>
        <source>French name</source>
        <translation>الاسم بالفرنسية</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>الاسم بالإنجليزية</translation>
    </message>
    <message>
        <source>Id (stored and exported)</source>
        <translation>المعرِّف (يُخزَّن ويُصدَّر)</translation>
    </message>
    <message>
        <source>Colour (#rrggbb)</source>
        <translation>اللون (#rrggbb)</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>الاختصار</translation>
    </message>
    <message>
        <source>Rename label</source>
        <translation>إعادة تسمية الوسم</translation>
    </message>
    <message>
        <source>Merge label</source>
        <translation>دمج الوسم</translation>
    </message>
    <message>
        <source>Merge into:</source>
        <translation>دمج في:</translation>
    </message>
    <message>
        <source>Label colour</source>
        <translation>لون الوسم</translation>
    </message>
    <message>
        <source>Label shortcut</source>
        <translation>اختصار الوسم</translation>
    </message>
    <message>
        <source>Attribute id</source>
        <translation>معرِّف السمة</translation>
    </message>
    <message>
        <source>Values (a, b, c)</source>
        <translation>القيم (a، b، c)</translation>
    </message>
    <message>
        <source>Layer of its labels (type label)</source>
        <translation>طبقة وسومها (للنوع label)</translation>
    </message>
    <message>
        <source>Add attribute</source>
        <translation>إضافة سمة</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
    <message>
        <source>In the text and the lists</source>
        <translation>في النص والقوائم</translation>
    </message>
    <message>
        <source>Move by character, by word (Ctrl)</source>
        <translation>التنقل حرفًا حرفًا، كلمةً كلمة (Ctrl)</translation>
    </message>
    <message>
        <source>← → (in an Arabic paragraph ← goes forward)</source>
        <translation>← → (في فقرة عربية يتقدم ←)</translation>
    </message>
    <message>
        <source>Select by character, by word (Ctrl)</source>
        <translation>التحديد حرفًا حرفًا، كلمةً كلمة (Ctrl)</translation>
    </message>
    <message>
        <source>Shift+← →, Ctrl+Shift+← →</source>
        <translation>Shift+← →، Ctrl+Shift+← →</translation>
    </message>
    <message>
        <source>Line up, down; start, end of the line</source>
        <translation>السطر السابق، التالي؛ بداية السطر، نهايته</translation>
    </message>
    <message>
        <source>↑ ↓, Home, End</source>
        <translation>↑ ↓، Home، End</translation>
    </message>
    <message>
        <source>Start, end of the document</source>
        <translation>بداية الوثيقة، نهايتها</translation>
    </message>
    <message>
        <source>Ctrl+Home, Ctrl+End</source>
        <translation>Ctrl+Home، Ctrl+End</translation>
    </message>
    <message>
        <source>Next candidate</source>
        <translation>المرشح التالي</translation>
    </message>
    <message>
        <source>Tab, ↓, the arrow pointing along the paragraph</source>
        <translation>Tab، ↓، السهم في اتجاه الفقرة</translation>
    </message>
    <message>
        <source>Previous candidate</source>
        <translation>المرشح السابق</translation>
    </message>
    <message>
        <source>Shift+Tab, ↑, the other arrow</source>
        <translation>Shift+Tab، ↑، السهم الآخر</translation>
    </message>
    <message>
        <source>Link to the candidate at hand</source>
        <translation>الربط بالمرشح الحالي</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Moving and selecting (logical order, the same in Arabic and French)</source>
        <translation>التنقل والتحديد (بالترتيب المنطقي، نفسه في العربية والفرنسية)</translation>
    </message>
    <message>
        <source>Relating (after the link key, R)</source>
        <translation>الربط (بعد مفتاح الربط R)</translation>
    </message>
</context>
<context>
    <name>SpanPanel</name>
    <message>
        <source>Select an annotation (click it) to see and edit it here.</source>
        <translation>حدِّد توسيمًا (انقر عليه) لعرضه وتعديله هنا.</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Link… (K)</source>
        <translation>ربط… (K)</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>فك الربط</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>قبول</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>الكيان</translation>
    </message>
    <message>
        <source>Note (Enter to save)</source>
        <translation>ملاحظة (Enter للحفظ)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>Link {0}…</source>
        <translation>ربط ⁨{0}⁩…</translation>
    </message>
    <message>
        <source>Then click the annotation to link to (Esc cancels)</source>
        <translation>ثم انقر على التوسيم المراد الربط به (Esc للإلغاء)</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>الروابط</translation>
    </message>
    <message>
        <source>Delete annotation (Del)</source>
        <translation>حذف التوسيم (Del)</translation>
    </message>
    <message>
        <source>Go to the linked annotation</source>
        <translation>الانتقال إلى التوسيم المرتبط</translation>
    </message>
    <message>
        <source>Remove this link</source>
        <translation>إزالة هذا الربط</translation>
    </message>
    <message>
        <source>Suggested: {0} ({1}) — Enter or Shift+K to accept</source>
        <translation>مقترح: ⁨{0}⁩ (⁨{1}⁩) — Enter أو Shift+K للقبول</translation>
    </message>
    <message>
        <source>Not linked</source>
        <translation>غير مربوط</translation>
    </message>
</context>
<context>
    <name>SplitDialog</name>
    <message>
        <source>Split label {0}</source>
        <translation>تقسيم الوسم ⁨{0}⁩</translation>
    </message>
    <message>
        <source>New label id</source>
        <translation>معرِّف الوسم الجديد</translation>
    </message>
    <message>
        <source>Arabic name</source>
        <translation>الاسم بالعربية</translation>
    </message>
    <message>
        <source>French name</source>
        <translation>الاسم بالفرنسية</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>الاسم بالإنجليزية</translation>
    </message>
    <message>
        <source>Colour (#rrggbb)</source>
        <translation>اللون (#rrggbb)</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>الاختصار</translation>
    </message>
    <message>
        <source>Tick the spans with this text…</source>
        <translation>تحديد المقاطع التي تحمل هذا النص…</translation>
    </message>
</context>
<context>
    <name>StatusBox</name>
    <message>
        <source>Your status for this document</source>
        <translation>حالتك في هذه الوثيقة</translation>
    </message>
</context>
<context>
    <name>SuggestionController</name>
    <message>
        <source>Suggested: {0} ({1}){2} — {3}</source>
        <translation>مقترَح: ⁨{0}⁩ (⁨{1}⁩)⁨{2}⁩ — ⁨{3}⁩</translation>
    </message>
    <message>
        <source>(Enter accepts, X rejects, a label key accepts as that label)</source>
        <translation>(Enter للقبول، X للرفض، ومفتاح الوسم للقبول بذلك الوسم)</translation>
    </message>
    <message>
        <source>No suggestions in this document</source>
        <translation>لا اقتراحات في هذه الوثيقة</translation>
    </message>
    <message>
        <source>No suggestion at hand: N steps to the next one</source>
        <translation>لا اقتراح حاليًا: N للانتقال إلى التالي</translation>
    </message>
</context>
<context>
    <name>SuggestionPanel</name>
    <message>
        <source>Accept</source>
        <translation>قبول</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>رفض</translation>
    </message>
    <message>
        <source>Accept all above…</source>
        <translation>قبول كل ما فوق…</translation>
    </message>
    <message>
        <source>Quality of the learned suggestions: not measured yet</source>
        <translation>جودة الاقتراحات المتعلَّمة: لم تُقَس بعد</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>قياس</translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) in this document</source>
        <translation>
            <numerusform>لا اقتراحات في هذه الوثيقة</numerusform>
            <numerusform>اقتراح واحد في هذه الوثيقة</numerusform>
            <numerusform>اقتراحان في هذه الوثيقة</numerusform>
            <numerusform>%n اقتراحات في هذه الوثيقة</numerusform>
            <numerusform>%n اقتراحًا في هذه الوثيقة</numerusform>
            <numerusform>%n اقتراح في هذه الوثيقة</numerusform>
        </translation>
    </message>
    <message>
        <source>your annotations</source>
        <translation>توسيماتك</translation>
    </message>
    <message>
        <source>the gold layer</source>
        <translation>الطبقة المرجعية</translation>
    </message>
    <message>
        <source>Learned, on {0} ({1} documents, one left out at a time): P {2} · R {3} · F1 {4}</source>
        <translation>متعلَّمة من ⁨{0}⁩ (⁨{1}⁩ وثيقة، مع استبعاد واحدة في كل مرة): P ⁨{2}⁩ · R ⁨{3}⁩ · F1 ⁨{4}⁩</translation>
    </message>
</context>
<context>
    <name>TableModel</name>
    <message>
        <source>Position</source>
        <translation>الموضع</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>الطبقة</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Lang.</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>المقاطع</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>الوثيقة</translation>
    </message>
    <message>
        <source>Match in context</source>
        <translation>النتيجة في سياقها</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>الدرجة</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
</context>
<context>
    <name>TeamPanels</name>
    <message>
        <source>Guidelines</source>
        <translation>الإرشادات</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>لوحة المتابعة</translation>
    </message>
    <message>
        <source>Active time not stored: {0}</source>
        <translation>لم يُحفظ الوقت الفعلي: ⁨{0}⁩</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>تصدير…</translation>
    </message>
    <message>
        <source>Back up now…</source>
        <translation>نسخ احتياطي الآن…</translation>
    </message>
    <message>
        <source>Restore from backup…</source>
        <translation>الاستعادة من نسخة احتياطية…</translation>
    </message>
    <message>
        <source>Switch annotator…</source>
        <translation>تبديل المعلِّق…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <source>Delete annotation</source>
        <translation>حذف التوسيم</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Link {0}…</source>
        <translation>ربط ⁨{0}⁩…</translation>
    </message>
    <message>
        <source>Link to an entity…</source>
        <translation>ربط بكيان…</translation>
    </message>
    <message>
        <source>Accept the suggested link</source>
        <translation>قبول الربط المقترح</translation>
    </message>
    <message>
        <source>Exact characters (no word snapping)</source>
        <translation>حروف بدقة (دون الالتصاق بالكلمات)</translation>
    </message>
    <message>
        <source>Keep selections character-exact; holding Alt while selecting does it once</source>
        <translation>إبقاء التحديد دقيقًا على مستوى الحرف؛ الضغط على Alt أثناء التحديد يفعل ذلك مرة واحدة</translation>
    </message>
    <message>
        <source>Find in document…</source>
        <translation>البحث في الوثيقة…</translation>
    </message>
    <message>
        <source>Find in corpus…</source>
        <translation>البحث في المدونة…</translation>
    </message>
    <message>
        <source>Annotate all occurrences…</source>
        <translation>توسيم كل المواضع…</translation>
    </message>
    <message>
        <source>Schema…</source>
        <translation>المخطط…</translation>
    </message>
    <message>
        <source>Assign documents…</source>
        <translation>إسناد الوثائق…</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>ا&amp;نتقال</translation>
    </message>
    <message>
        <source>Next document</source>
        <translation>الوثيقة التالية</translation>
    </message>
    <message>
        <source>Previous document</source>
        <translation>الوثيقة السابقة</translation>
    </message>
    <message>
        <source>Next annotation</source>
        <translation>التوسيم التالي</translation>
    </message>
    <message>
        <source>Previous annotation</source>
        <translation>التوسيم السابق</translation>
    </message>
    <message>
        <source>&amp;Suggestions</source>
        <translation>ا&amp;قتراحات</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>Font…</source>
        <translation>الخط…</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>تكبير</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>تصغير</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>الحجم الفعلي</translation>
    </message>
    <message>
        <source>Show invisible characters</source>
        <translation>إظهار الحروف غير المرئية</translation>
    </message>
    <message>
        <source>Label names</source>
        <translation>أسماء الوسوم</translation>
    </message>
    <message>
        <source>Interface language (at next start)</source>
        <translation>لغة الواجهة (من التشغيل القادم)</translation>
    </message>
    <message>
        <source>Open side by side…</source>
        <translation>فتح جنبًا إلى جنب…</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>م&amp;راجعة</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <source>Keyboard shortcuts…</source>
        <translation>اختصارات لوحة المفاتيح…</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>الوثيقة</translation>
    </message>
    <message>
        <source> Status: </source>
        <translation> الحالة: </translation>
    </message>
    <message>
        <source>Next suggestion</source>
        <translation>الاقتراح التالي</translation>
    </message>
    <message>
        <source>Previous suggestion</source>
        <translation>الاقتراح السابق</translation>
    </message>
    <message>
        <source>Accept suggestion</source>
        <translation>قبول الاقتراح</translation>
    </message>
    <message>
        <source>Reject suggestion</source>
        <translation>رفض الاقتراح</translation>
    </message>
    <message>
        <source>Accept suggestion (Enter)</source>
        <translation>قبول الاقتراح (مفتاح الإدخال)</translation>
    </message>
    <message>
        <source>Accept all of a label above a score…</source>
        <translation>قبول كل اقتراحات وسم فوق درجة معيّنة…</translation>
    </message>
    <message>
        <source>Show suggestions</source>
        <translation>إظهار الاقتراحات</translation>
    </message>
    <message>
        <source>Reload suggestions (gazetteers, models, gold)</source>
        <translation>إعادة تحميل الاقتراحات (المعاجم، النماذج، المرجع)</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Saved {0} — {1}</source>
        <translation>حُفظ ⁨{0}⁩ — ⁨{1}⁩</translation>
    </message>
    <message>
        <source>Not saved — {0}: {1}</source>
        <translation>لم يُحفظ — ⁨{0}⁩: ⁨{1}⁩</translation>
    </message>
    <message>
        <source>{0} (again)</source>
        <translation>⁨{0}⁩ (مجددًا)</translation>
    </message>
    <message>
        <source>relabel {0} → {1}</source>
        <translation>إعادة توسيم ⁨{0}⁩ ← ⁨{1}⁩</translation>
    </message>
    <message>
        <source>set {0} of {1}</source>
        <translation>ضبط ⁨{0}⁩ في ⁨{1}⁩</translation>
    </message>
    <message>
        <source>note on {0}</source>
        <translation>ملاحظة على ⁨{0}⁩</translation>
    </message>
</context>
<context>
    <name>links</name>
    <message>
        <source>Select an annotation of the entity layer to link it</source>
        <translation>حدّد توسيمًا من طبقة الكيانات لربطه</translation>
    </message>
</context>
</TS>
