<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="hi_IN">
<context>
    <name>DigitView</name>
    <message>
        <source>there is no image here</source>
        <translation>यहाँ कोई चित्र नहीं है</translation>
    </message>
    <message>
        <source>Save Image As…</source>
        <translation>चित्र इस रूप में सहेजें…</translation>
    </message>
    <message>
        <source>Save Image</source>
        <translation>चित्र सहेजें</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG चित्र (*.png)</translation>
    </message>
</context>
<context>
    <name>DrawingCanvas</name>
    <message>
        <source>Draw a digit with the mouse</source>
        <translation>माउस से एक अंक बनाएँ</translation>
    </message>
    <message>
        <source>draw here</source>
        <translation>यहाँ बनाएँ</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>Export &amp;Grid as PNG…</source>
        <translation>ग्रिड को PNG में निर्यात करें(&amp;G)…</translation>
    </message>
    <message>
        <source>Export Latent &amp;View as PNG…</source>
        <translation>लेटेंट दृश्य को PNG में निर्यात करें(&amp;V)…</translation>
    </message>
    <message>
        <source>Export Latent &amp;Codes as CSV…</source>
        <translation>लेटेंट कोड को CSV में निर्यात करें(&amp;C)…</translation>
    </message>
    <message>
        <source>Export &amp;Loss History as CSV…</source>
        <translation>लॉस इतिहास को CSV में निर्यात करें(&amp;L)…</translation>
    </message>
    <message>
        <source>Export Model as &amp;TorchScript…</source>
        <translation>मॉडल को TorchScript में निर्यात करें(&amp;T)…</translation>
    </message>
    <message>
        <source>A TorchScript module with encode(x) and decode(z) for torch.jit.load in PyTorch</source>
        <translation>PyTorch में torch.jit.load के लिए encode(x) और decode(z) वाला TorchScript मॉड्यूल</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>निर्यात</translation>
    </message>
    <message>
        <source>Could not export the model as TorchScript</source>
        <translation>मॉडल को TorchScript में निर्यात नहीं किया जा सका</translation>
    </message>
    <message>
        <source>Could not export the %1</source>
        <translation>%1 निर्यात नहीं किया जा सका</translation>
    </message>
    <message>
        <source>grid</source>
        <translation>ग्रिड</translation>
    </message>
    <message>
        <source>There is no decoded grid yet.</source>
        <translation>अभी कोई डिकोड किया गया ग्रिड नहीं है।</translation>
    </message>
    <message>
        <source>latent view</source>
        <translation>लेटेंट दृश्य</translation>
    </message>
    <message>
        <source>There is nothing to show yet.</source>
        <translation>अभी दिखाने के लिए कुछ नहीं है।</translation>
    </message>
    <message>
        <source>Could not export the codes</source>
        <translation>कोड निर्यात नहीं किए जा सके</translation>
    </message>
    <message>
        <source>There are no encoded digits yet.</source>
        <translation>अभी कोई एनकोड किए गए अंक नहीं हैं।</translation>
    </message>
    <message>
        <source>codes</source>
        <translation>कोड</translation>
    </message>
    <message>
        <source>loss history</source>
        <translation>लॉस इतिहास</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>%1 निर्यात करें</translation>
    </message>
    <message>
        <source>Export the Selection&apos;s Codes</source>
        <translation>चयन के कोड निर्यात करें</translation>
    </message>
    <message>
        <source>selection</source>
        <translation>चयन</translation>
    </message>
</context>
<context>
    <name>GeneratePanel</name>
    <message>
        <source>Sample from the prior N(0, I)</source>
        <translation>प्रायर N(0, I) से नमूने</translation>
    </message>
    <message>
        <source> digits</source>
        <translation> अंक</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>सीड </translation>
    </message>
    <message>
        <source>&amp;Reseed</source>
        <translation>नया सीड(&amp;R)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>निर्यात…</translation>
    </message>
    <message>
        <source>One row per &amp;digit</source>
        <translation>हर अंक की एक पंक्ति(&amp;D)</translation>
    </message>
    <message>
        <source>A conditional VAE draws each sampled style vector as every digit: row d is digit d, each column one style</source>
        <translation>कंडीशनल VAE हर नमूना शैली-वेक्टर को हर अंक के रूप में बनाता है: पंक्ति d अंक d है, हर स्तंभ एक शैली</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>नमूने</translation>
    </message>
    <message>
        <source>Interpolate</source>
        <translation>इंटरपोलेशन</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>चुना गया</translation>
    </message>
    <message>
        <source>%1 = the digit selected in the latent view (click one there first)</source>
        <translation>%1 = लेटेंट दृश्य में चुना गया अंक (पहले वहाँ किसी पर क्लिक करें)</translation>
    </message>
    <message>
        <source>Your digit</source>
        <translation>आपका अंक</translation>
    </message>
    <message>
        <source>%1 = the digit of the Your Digit panel</source>
        <translation>%1 = &quot;आपका अंक&quot; पैनल का अंक</translation>
    </message>
    <message>
        <source>your digit</source>
        <translation>आपका अंक</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> चरण</translation>
    </message>
    <message>
        <source>&amp;Spherical (slerp)</source>
        <translation>गोलीय (slerp)(&amp;S)</translation>
    </message>
    <message>
        <source>interpolation</source>
        <translation>इंटरपोलेशन</translation>
    </message>
    <message>
        <source>Latent noise around a digit</source>
        <translation>किसी अंक के आसपास लेटेंट शोर</translation>
    </message>
    <message>
        <source>sigma</source>
        <translation>सिग्मा</translation>
    </message>
    <message>
        <source>Compare with another model (e.g. a plain AE beside a VAE):</source>
        <translation>किसी दूसरे मॉडल से तुलना करें (जैसे VAE के बगल में साधारण AE):</translation>
    </message>
    <message>
        <source>Model…</source>
        <translation>मॉडल…</translation>
    </message>
    <message>
        <source>Model to Compare</source>
        <translation>तुलना के लिए मॉडल</translation>
    </message>
    <message>
        <source>Latent Explorer models (*.pt)</source>
        <translation>Latent Explorer मॉडल (*.pt)</translation>
    </message>
    <message>
        <source>%1 has no plain latent space to add noise in</source>
        <translation>%1 में शोर जोड़ने के लिए कोई सीधा लेटेंट स्पेस नहीं है</translation>
    </message>
    <message>
        <source>Right: %1</source>
        <translation>दाएँ: %1</translation>
    </message>
    <message>
        <source>Train or open a model with a latent space to generate from it.</source>
        <translation>उससे जनरेट करने के लिए लेटेंट स्पेस वाला मॉडल प्रशिक्षित करें या खोलें।</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>तय नहीं</translation>
    </message>
    <message>
        <source>Select a digit in the latent view.</source>
        <translation>लेटेंट दृश्य में एक अंक चुनें।</translation>
    </message>
    <message>
        <source>digits 0-9 (rows) in %1 styles (columns), seed %2</source>
        <translation>अंक 0-9 (पंक्तियाँ), %1 शैलियों में (स्तंभ), सीड %2</translation>
    </message>
    <message>
        <source>%1 samples, seed %2</source>
        <translation>%1 नमूने, सीड %2</translation>
    </message>
    <message>
        <source>%1 from A to B, %2</source>
        <translation>A से B तक %1, %2</translation>
    </message>
    <message>
        <source>spherical</source>
        <translation>गोलीय</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>रैखिक</translation>
    </message>
    <message>
        <source>Set A and B</source>
        <translation>A और B तय करें</translation>
    </message>
    <message>
        <source>Around %1</source>
        <translation>%1 के आसपास</translation>
    </message>
    <message>
        <source>%1 variations, sigma %2</source>
        <translation>%1 रूपांतर, सिग्मा %2</translation>
    </message>
    <message>
        <source>%1, same sigma</source>
        <translation>%1, वही सिग्मा</translation>
    </message>
    <message>
        <source>Sample from the codes&apos; fitted density (10 Gaussians)</source>
        <translation>कोडों पर फ़िट घनत्व से नमूने (10 गॉसियन)</translation>
    </message>
    <message>
        <source>This %1 has no prior: its codes need not look like N(0, I), so prior samples may not look like digits. Train a VAE, an aae or a map to see the difference.</source>
        <translation>इस %1 का कोई प्रायर नहीं है: इसके कोड का N(0, I) जैसा दिखना ज़रूरी नहीं, इसलिए प्रायर से लिए नमूने अंकों जैसे न दिखें। अंतर देखने के लिए VAE, aae या map प्रशिक्षित करें।</translation>
    </message>
</context>
<context>
    <name>InferenceSession</name>
    <message>
        <source>A TorchScript module made elsewhere stays in its own file; models trained here can be exported as TorchScript.</source>
        <translation>कहीं और बना TorchScript मॉड्यूल अपनी ही फ़ाइल में रहता है; यहाँ प्रशिक्षित मॉडल TorchScript में निर्यात किए जा सकते हैं।</translation>
    </message>
</context>
<context>
    <name>KeptModelTrainer</name>
    <message>
        <source>epoch %1 of %2, %3 s left</source>
        <translation>एपॉक %1 / %2, %3 सेकंड बाकी</translation>
    </message>
    <message>
        <source>cancelled; nothing was kept</source>
        <translation>रद्द किया गया; कुछ नहीं रखा गया</translation>
    </message>
    <message>
        <source>cannot make the folder %1</source>
        <translation>फ़ोल्डर %1 नहीं बन सका</translation>
    </message>
    <message>
        <source>the model was trained but not kept: %1</source>
        <translation>मॉडल प्रशिक्षित हुआ पर रखा नहीं गया: %1</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>शुरू हो रहा है</translation>
    </message>
</context>
<context>
    <name>LatentPanel</name>
    <message>
        <source>&amp;Grid</source>
        <translation>ग्रिड(&amp;G)</translation>
    </message>
    <message>
        <source>Show the decoded manifold grid under the scatter</source>
        <translation>स्कैटर के नीचे डिकोड किया गया मैनिफ़ोल्ड ग्रिड दिखाएँ</translation>
    </message>
    <message>
        <source>n = </source>
        <translation>n = </translation>
    </message>
    <message>
        <source>fitted to the codes</source>
        <translation>कोड के अनुसार</translation>
    </message>
    <message>
        <source>over ± range</source>
        <translation>± सीमा पर</translation>
    </message>
    <message>
        <source>Gaussian quantiles</source>
        <translation>गाउसियन क्वांटाइल</translation>
    </message>
    <message>
        <source>Gaussian quantiles: z = Φ⁻¹(p), p evenly spaced in (0.05, 0.95), as in Kingma &amp; Welling</source>
        <translation>गाउसियन क्वांटाइल: z = Φ⁻¹(p), p (0.05, 0.95) में समान दूरी पर, जैसा Kingma &amp; Welling में</translation>
    </message>
    <message>
        <source>± </source>
        <translation>± </translation>
    </message>
    <message>
        <source>&amp;Fit view</source>
        <translation>दृश्य फ़िट करें(&amp;F)</translation>
    </message>
    <message>
        <source>Zoom to the encoded digits (double-click or Home in the view)</source>
        <translation>एनकोड किए गए अंकों पर ज़ूम करें (दृश्य में डबल-क्लिक या Home)</translation>
    </message>
    <message>
        <source>zero</source>
        <translation>शून्य</translation>
    </message>
    <message>
        <source>the mean of the codes</source>
        <translation>कोड का माध्य</translation>
    </message>
    <message>
        <source>the selected digit&apos;s code</source>
        <translation>चुने गए अंक का कोड</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>प्लॉट</translation>
    </message>
    <message>
        <source>against</source>
        <translation>बनाम</translation>
    </message>
    <message>
        <source>other dims held at</source>
        <translation>बाकी आयाम स्थिर</translation>
    </message>
    <message>
        <source>Open a Dataset &amp;Folder…</source>
        <translation>डेटासेट फ़ोल्डर खोलें(&amp;F)…</translation>
    </message>
    <message>
        <source>A folder holding train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (plain or .gz)</source>
        <translation>train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte और t10k-labels-idx1-ubyte (सादा या .gz) वाला फ़ोल्डर</translation>
    </message>
    <message>
        <source>Conditional VAE: draw digit</source>
        <translation>कंडीशनल VAE: यह अंक बनाएँ</translation>
    </message>
    <message>
        <source>(the plane is its style space)</source>
        <translation>(यह तल उसका शैली-स्पेस है)</translation>
    </message>
    <message>
        <source>No dataset found for &quot;%1&quot;.

Looked in:
%2

To get one: run &quot;bash scripts/bootstrap.sh setup&quot; (imports MNIST), install the Debian package dataset-fashion-mnist, or use File &gt; Open Dataset Folder… to pick a folder with the four IDX files.</source>
        <translation>&quot;%1&quot; के लिए कोई डेटासेट नहीं मिला।

यहाँ देखा:
%2

डेटासेट पाने के लिए: &quot;bash scripts/bootstrap.sh setup&quot; चलाएँ (MNIST आयात करता है), Debian पैकेज dataset-fashion-mnist इंस्टॉल करें, या फ़ाइल &gt; डेटासेट फ़ोल्डर खोलें… से चार IDX फ़ाइलों वाला फ़ोल्डर चुनें।</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Size of each encoded digit&apos;s mark</source>
        <translation>हर एन्कोड किए गए अंक के निशान का आकार</translation>
    </message>
    <message>
        <source>Opacity of the points</source>
        <translation>बिंदुओं की अपारदर्शिता</translation>
    </message>
    <message>
        <source>all</source>
        <translation>सभी</translation>
    </message>
    <message>
        <source>none</source>
        <translation>कोई नहीं</translation>
    </message>
    <message>
        <source>How many test digits are drawn: a subset keeps each class&apos;s share, so every cluster keeps its shape</source>
        <translation>कितने परीक्षण अंक दिखाए जाएँ: उपसमुच्चय में हर वर्ग का अपना हिस्सा रहता है, इसलिए हर समूह का आकार बना रहता है</translation>
    </message>
    <message>
        <source>&amp;Labels</source>
        <translation>&amp;लेबल</translation>
    </message>
    <message>
        <source>Each class&apos;s digit at the middle (median) of its points</source>
        <translation>हर वर्ग का अंक उसके बिंदुओं के बीच (माध्यिका) पर</translation>
    </message>
    <message>
        <source>Opacity of the decoded grid under the points</source>
        <translation>बिंदुओं के नीचे डिकोड किए गए ग्रिड की अपारदर्शिता</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>बिंदु</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>ग्रिड</translation>
    </message>
</context>
<context>
    <name>LatentSpaceController</name>
    <message>
        <source>Drag in the latent view to decode a point.</source>
        <translation>किसी बिंदु को डिकोड करने के लिए लेटेंट दृश्य में खींचें।</translation>
    </message>
    <message>
        <source>Train or open a model, then drag in the latent view.</source>
        <translation>मॉडल प्रशिक्षित करें या खोलें, फिर लेटेंट दृश्य में खींचें।</translation>
    </message>
    <message>
        <source>A %1 model has no latent space to plot. Click Train for a VAE or an autoencoder.</source>
        <translation>%1 मॉडल में प्लॉट करने के लिए लेटेंट स्पेस नहीं है। VAE या ऑटोएनकोडर के लिए &quot;प्रशिक्षण&quot; पर क्लिक करें।</translation>
    </message>
</context>
<context>
    <name>LatentView</name>
    <message>
        <source>%1 (x) vs %2 (y)</source>
        <translation>%1 (x) बनाम %2 (y)</translation>
    </message>
    <message>
        <source>hide</source>
        <translation>छिपाने</translation>
    </message>
    <message>
        <source>show</source>
        <translation>दिखाने</translation>
    </message>
    <message>
        <source>Test digit #%1, label %2%3
%4 = %5, %6 = %7</source>
        <translation>परीक्षण अंक #%1, लेबल %2%3
%4 = %5, %6 = %7</translation>
    </message>
    <message>
        <source>%1 = %2, %3 = %4</source>
        <translation>%1 = %2, %3 = %4</translation>
    </message>
    <message>
        <source>Click to %1 class %2; Alt+click to see it alone (again: all)</source>
        <translation>वर्ग %2 को %1 के लिए क्लिक करें; केवल इसे देखने के लिए Alt+क्लिक (फिर से: सभी)</translation>
    </message>
    <message>
        <source>real</source>
        <translation>असली</translation>
    </message>
    <message>
        <source>decoded</source>
        <translation>डिकोड किया</translation>
    </message>
</context>
<context>
    <name>LossChart</name>
    <message>
        <source>train total</source>
        <translation>प्रशिक्षण कुल</translation>
    </message>
    <message>
        <source>train reconstruction</source>
        <translation>प्रशिक्षण पुनर्निर्माण</translation>
    </message>
    <message>
        <source>train KL</source>
        <translation>प्रशिक्षण KL</translation>
    </message>
    <message>
        <source>test total</source>
        <translation>परीक्षण कुल</translation>
    </message>
    <message>
        <source>test reconstruction</source>
        <translation>परीक्षण पुनर्निर्माण</translation>
    </message>
    <message>
        <source>test KL</source>
        <translation>परीक्षण KL</translation>
    </message>
    <message>
        <source>train discriminator</source>
        <translation>प्रशिक्षण डिस्क्रिमिनेटर</translation>
    </message>
    <message>
        <source>train generator</source>
        <translation>प्रशिक्षण जनरेटर</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>प्रशिक्षण चरण</translation>
    </message>
    <message>
        <source>loss per image</source>
        <translation>प्रति चित्र लॉस</translation>
    </message>
    <message>
        <source>loss per image (log)</source>
        <translation>प्रति चित्र लॉस (log)</translation>
    </message>
    <message>
        <source>adversarial loss (BCE)</source>
        <translation>प्रतिकूल लॉस (BCE)</translation>
    </message>
    <message>
        <source>&amp;Logarithmic loss axis</source>
        <translation>लघुगणकीय लॉस अक्ष(&amp;L)</translation>
    </message>
    <message>
        <source>train neighbour loss</source>
        <translation>प्रशिक्षण पड़ोसी लॉस</translation>
    </message>
    <message>
        <source>neighbour loss</source>
        <translation>पड़ोसी हानि</translation>
    </message>
    <message>
        <source>KL per image</source>
        <translation>प्रति छवि KL</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Latent Explorer</source>
        <translation>Latent Explorer</translation>
    </message>
    <message>
        <source>There is no model to export.</source>
        <translation>निर्यात के लिए कोई मॉडल नहीं है।</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>मॉडल खोलें</translation>
    </message>
    <message>
        <source>Save Model</source>
        <translation>मॉडल सहेजें</translation>
    </message>
    <message>
        <source>Folder with the four IDX files</source>
        <translation>चार IDX फ़ाइलों वाला फ़ोल्डर</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 लिखा गया</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>प्रशिक्षण</translation>
    </message>
    <message>
        <source>Decoded Preview</source>
        <translation>डिकोड पूर्वावलोकन</translation>
    </message>
    <message>
        <source>Your Digit</source>
        <translation>आपका अंक</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>जनरेट</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>लॉस</translation>
    </message>
    <message>
        <source>PCA Comparison</source>
        <translation>PCA तुलना</translation>
    </message>
    <message>
        <source>Could not open the dataset</source>
        <translation>डेटासेट नहीं खुल सका</translation>
    </message>
    <message>
        <source>No dataset: %1</source>
        <translation>कोई डेटासेट नहीं: %1</translation>
    </message>
    <message>
        <source>Dataset %1: %2 training and %3 test images from %4</source>
        <translation>डेटासेट %1: %4 से %2 प्रशिक्षण और %3 परीक्षण चित्र</translation>
    </message>
    <message>
        <source>Press Train (F5) to train a model, or open one (Ctrl+O).</source>
        <translation>मॉडल प्रशिक्षित करने के लिए &quot;प्रशिक्षण&quot; (F5) दबाएँ, या कोई मॉडल खोलें (Ctrl+O)।</translation>
    </message>
    <message>
        <source>Cannot train</source>
        <translation>प्रशिक्षण नहीं हो सकता</translation>
    </message>
    <message>
        <source>The current model is not saved. Train a new one and discard it?</source>
        <translation>वर्तमान मॉडल सहेजा नहीं गया है। नया प्रशिक्षित करें और इसे छोड़ दें?</translation>
    </message>
    <message>
        <source>Training is starting…</source>
        <translation>प्रशिक्षण शुरू हो रहा है…</translation>
    </message>
    <message>
        <source>Cannot continue training</source>
        <translation>प्रशिक्षण जारी नहीं रखा जा सकता</translation>
    </message>
    <message numerus="yes">
        <source>Continuing for %n more epoch(s)…</source>
        <translation>
            <numerusform>%n और एपॉक के लिए जारी…</numerusform>
            <numerusform>%n और एपॉक के लिए जारी…</numerusform>
        </translation>
    </message>
    <message>
        <source>Autosave failed (training goes on): %1</source>
        <translation>स्वतः सहेजना विफल (प्रशिक्षण जारी है): %1</translation>
    </message>
    <message numerus="yes">
        <source>Latent Explorer did not close normally last time. Restore the model it was training (%1, %n epoch(s) trained)?</source>
        <translation>
            <numerusform>Latent Explorer पिछली बार सामान्य रूप से बंद नहीं हुआ। जिस मॉडल का प्रशिक्षण चल रहा था (%1, %n एपॉक प्रशिक्षित), उसे वापस लाएँ?</numerusform>
            <numerusform>Latent Explorer पिछली बार सामान्य रूप से बंद नहीं हुआ। जिस मॉडल का प्रशिक्षण चल रहा था (%1, %n एपॉक प्रशिक्षित), उसे वापस लाएँ?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored %1 after %n epoch(s); Continue Training goes on from there.</source>
        <translation>
            <numerusform>%n एपॉक के बाद का %1 वापस लाया गया; &quot;प्रशिक्षण जारी रखें&quot; वहीं से आगे बढ़ता है।</numerusform>
            <numerusform>%n एपॉक के बाद का %1 वापस लाया गया; &quot;प्रशिक्षण जारी रखें&quot; वहीं से आगे बढ़ता है।</numerusform>
        </translation>
    </message>
    <message>
        <source>Paused. Resume with F6.</source>
        <translation>रुका हुआ। F6 से फिर शुरू करें।</translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation>फिर शुरू।</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>रुक रहा है…</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>रोका गया</translation>
    </message>
    <message>
        <source>Epoch %1/%2: test loss %3 (reconstruction %4, KL %5)</source>
        <translation>एपॉक %1/%2: परीक्षण लॉस %3 (पुनर्निर्माण %4, KL %5)</translation>
    </message>
    <message>
        <source>Epoch %1/%2 done</source>
        <translation>एपॉक %1/%2 पूरा</translation>
    </message>
    <message>
        <source>Training diverged</source>
        <translation>प्रशिक्षण बिखर गया (diverged)</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>प्रशिक्षण विफल</translation>
    </message>
    <message>
        <source>test digit #%1 (label %2)</source>
        <translation>परीक्षण अंक #%1 (लेबल %2)</translation>
    </message>
    <message>
        <source>Could not save the model</source>
        <translation>मॉडल सहेजा नहीं जा सका</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 सहेजा गया</translation>
    </message>
    <message>
        <source>Could not open the model</source>
        <translation>मॉडल नहीं खुल सका</translation>
    </message>
    <message>
        <source>Stop training before opening another model.</source>
        <translation>दूसरा मॉडल खोलने से पहले प्रशिक्षण रोकें।</translation>
    </message>
    <message>
        <source>%1

The current model is unchanged.</source>
        <translation>%1

वर्तमान मॉडल नहीं बदला।</translation>
    </message>
    <message>
        <source>Opened %1: %2</source>
        <translation>%1 खोला: %2</translation>
    </message>
    <message>
        <source>Quit Latent Explorer</source>
        <translation>Latent Explorer बंद करें</translation>
    </message>
    <message>
        <source>Training is still running. Stop it and quit?</source>
        <translation>प्रशिक्षण अभी चल रहा है। उसे रोककर बंद करें?</translation>
    </message>
    <message>
        <source>The model is not saved.</source>
        <translation>मॉडल सहेजा नहीं गया है।</translation>
    </message>
    <message>
        <source>Save the model before quitting?</source>
        <translation>बंद करने से पहले मॉडल सहेजें?</translation>
    </message>
    <message>
        <source>Epoch %1/%2: test reconstruction loss %3</source>
        <translation>एपॉक %1/%2: परीक्षण पुनर्निर्माण लॉस %3</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>चयन</translation>
    </message>
    <message>
        <source>selection</source>
        <translation>चयन</translation>
    </message>
    <message>
        <source>#%1 · %2</source>
        <translation>#%1 · %2</translation>
    </message>
    <message>
        <source>Open a Second Model to Compare</source>
        <translation>तुलना के लिए दूसरा मॉडल खोलें</translation>
    </message>
    <message>
        <source>Could not open the second model</source>
        <translation>दूसरा मॉडल नहीं खुल सका</translation>
    </message>
    <message>
        <source>%1 has no map of the test digits to compare (no latent space, or no encoder, or no dataset).</source>
        <translation>%1 में तुलना के लिए परीक्षण अंकों का मानचित्र नहीं है (कोई लेटेंट स्पेस, एनकोडर या डेटासेट नहीं)।</translation>
    </message>
    <message>
        <source>&lt;b&gt;Second model&lt;/b&gt;: %1 (%2)</source>
        <translation>&lt;b&gt;दूसरा मॉडल&lt;/b&gt;: %1 (%2)</translation>
    </message>
    <message>
        <source>Encoding the test digits…</source>
        <translation>परीक्षण अंक एनकोड किए जा रहे हैं…</translation>
    </message>
</context>
<context>
    <name>NeighboursPanel</name>
    <message>
        <source>Finding the nearest digits…</source>
        <translation>सबसे निकट के अंक खोजे जा रहे हैं…</translation>
    </message>
    <message>
        <source>Click a digit on the map to see its nearest neighbours.</source>
        <translation>किसी अंक के सबसे निकट पड़ोसी देखने के लिए मानचित्र पर उसे क्लिक करें।</translation>
    </message>
    <message>
        <source>Test digit #%1, label %2: click to go to it</source>
        <translation>परीक्षण अंक #%1, लेबल %2: उस पर जाने के लिए क्लिक करें</translation>
    </message>
    <message>
        <source>In code space</source>
        <translation>कोड स्पेस में</translation>
    </message>
    <message>
        <source>In pixel space</source>
        <translation>पिक्सेल स्पेस में</translation>
    </message>
    <message>
        <source>%1: no codes (no model)</source>
        <translation>%1: कोई कोड नहीं (कोई मॉडल नहीं)</translation>
    </message>
    <message>
        <source>%1: %2 of %3 share label %4</source>
        <translation>%1: %3 में से %2 का लेबल %4 है</translation>
    </message>
</context>
<context>
    <name>OwnDigitPanel</name>
    <message>
        <source>Picture</source>
        <translation>चित्र</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>खोलें…</translation>
    </message>
    <message>
        <source>A picture of one digit (PNG, JPEG, BMP, GIF, …); you can also drop a file on the window or paste (Ctrl+V)</source>
        <translation>एक अंक का चित्र (PNG, JPEG, BMP, GIF, …); आप फ़ाइल को विंडो पर छोड़ भी सकते हैं या पेस्ट कर सकते हैं (Ctrl+V)</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>पेस्ट</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>साफ़ करें</translation>
    </message>
    <message>
        <source>Open, drop, paste or draw a digit.</source>
        <translation>कोई अंक खोलें, छोड़ें, पेस्ट करें या बनाएँ।</translation>
    </message>
    <message>
        <source>your drawing</source>
        <translation>आपका चित्रांकन</translation>
    </message>
    <message>
        <source>Denoise</source>
        <translation>शोर हटाएँ</translation>
    </message>
    <message>
        <source>Model…</source>
        <translation>मॉडल…</translation>
    </message>
    <message>
        <source>Open a denoising autoencoder (dae); any autoencoder works</source>
        <translation>शोर हटाने वाला ऑटोएनकोडर (dae) खोलें; कोई भी ऑटोएनकोडर चलेगा</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>सीड </translation>
    </message>
    <message>
        <source>Noise std</source>
        <translation>शोर std</translation>
    </message>
    <message>
        <source>Open a Denoising Model</source>
        <translation>शोर हटाने वाला मॉडल खोलें</translation>
    </message>
    <message>
        <source>Super-resolution</source>
        <translation>सुपर-रिज़ॉल्यूशन</translation>
    </message>
    <message>
        <source>Open a super-resolution model (sr)</source>
        <translation>सुपर-रिज़ॉल्यूशन मॉडल (sr) खोलें</translation>
    </message>
    <message>
        <source>Open a Super-Resolution Model</source>
        <translation>सुपर-रिज़ॉल्यूशन मॉडल खोलें</translation>
    </message>
    <message>
        <source>Latent position</source>
        <translation>लेटेंट स्थिति</translation>
    </message>
    <message>
        <source>%1 is a super-resolution model; open it under Super-resolution</source>
        <translation>%1 सुपर-रिज़ॉल्यूशन मॉडल है; इसे &quot;सुपर-रिज़ॉल्यूशन&quot; के अंतर्गत खोलें</translation>
    </message>
    <message>
        <source>Could not use %1 as a denoiser: %2</source>
        <translation>%1 को डीनॉइज़र के रूप में उपयोग नहीं किया जा सका: %2</translation>
    </message>
    <message>
        <source>it is a %1 model, not super-resolution (sr)</source>
        <translation>यह %1 मॉडल है, सुपर-रिज़ॉल्यूशन (sr) नहीं</translation>
    </message>
    <message>
        <source>Could not use %1 for super-resolution: %2</source>
        <translation>%1 को सुपर-रिज़ॉल्यूशन के लिए उपयोग नहीं किया जा सका: %2</translation>
    </message>
    <message>
        <source>Open a Picture of a Digit</source>
        <translation>किसी अंक का चित्र खोलें</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.pgm *.ppm *.tif *.tiff *.webp);;All files (*)</source>
        <translation>चित्र (*.png *.jpg *.jpeg *.bmp *.gif *.pgm *.ppm *.tif *.tiff *.webp);;सभी फ़ाइलें (*)</translation>
    </message>
    <message>
        <source>the clipboard</source>
        <translation>क्लिपबोर्ड</translation>
    </message>
    <message>
        <source>The clipboard holds no picture.</source>
        <translation>क्लिपबोर्ड में कोई चित्र नहीं है।</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 खोला जा रहा है…</translation>
    </message>
    <message>
        <source>%1 is %2x%3 pixels; the limit is %4 per side</source>
        <translation>%1 %2x%3 पिक्सेल है; सीमा प्रति भुजा %4 है</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, %2x%3 pixels</source>
        <translation>%1, %2x%3 पिक्सेल</translation>
    </message>
    <message>
        <source>Encoded by the explorer&apos;s model (%1).</source>
        <translation>एक्सप्लोरर के मॉडल (%1) से एनकोड किया गया।</translation>
    </message>
    <message>
        <source>Train or open a model to see where the digit lands.</source>
        <translation>अंक कहाँ पहुँचता है यह देखने के लिए मॉडल प्रशिक्षित करें या खोलें।</translation>
    </message>
    <message>
        <source>noisy
%1 dB</source>
        <translation>शोरयुक्त
%1 dB</translation>
    </message>
    <message>
        <source>denoised
%1 dB</source>
        <translation>शोर हटाया
%1 dB</translation>
    </message>
    <message>
        <source>%1x%2 input</source>
        <translation>%1x%2 इनपुट</translation>
    </message>
    <message>
        <source>model
%1 dB</source>
        <translation>मॉडल
%1 dB</translation>
    </message>
    <message>
        <source>bilinear
%1 dB</source>
        <translation>बाइलिनियर
%1 dB</translation>
    </message>
    <message>
        <source>reconstruction</source>
        <translation>पुनर्निर्माण</translation>
    </message>
    <message>
        <source>z = (%1%2)%3</source>
        <translation>z = (%1%2)%3</translation>
    </message>
    <message>
        <source>
the ellipse in the latent view is 1 and 2 standard deviations of q(z|x)</source>
        <translation>
लेटेंट दृश्य में दीर्घवृत्त q(z|x) के 1 और 2 मानक विचलन हैं</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>चेतावनी: %1</translation>
    </message>
    <message>
        <source>the dropped image</source>
        <translation>छोड़ा गया चित्र</translation>
    </message>
    <message>
        <source>Draw a digit here with the mouse</source>
        <translation>माउस से यहाँ एक अंक बनाएँ</translation>
    </message>
    <message>
        <source>Preprocessing stages (as MNIST was made)</source>
        <translation>प्रीप्रोसेसिंग के चरण (जैसे MNIST बना था)</translation>
    </message>
    <message>
        <source>Train a denoiser</source>
        <translation>शोर हटाने वाला मॉडल प्रशिक्षित करें</translation>
    </message>
    <message>
        <source>Train a super-resolution model</source>
        <translation>सुपर-रिज़ॉल्यूशन मॉडल प्रशिक्षित करें</translation>
    </message>
    <message>
        <source>Trains a %1 in the background and keeps it in %2 for next time</source>
        <translation>पृष्ठभूमि में एक %1 प्रशिक्षित करता है और अगली बार के लिए %2 में रखता है</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Kept %1</source>
        <translation>%1 रखा गया</translation>
    </message>
    <message>
        <source>Training the %1 did not finish: %2</source>
        <translation>%1 का प्रशिक्षण पूरा नहीं हुआ: %2</translation>
    </message>
    <message>
        <source>The kept %1 could not be opened (%2): train it again</source>
        <translation>रखा गया %1 खुल नहीं सका (%2): उसे फिर से प्रशिक्षित करें</translation>
    </message>
    <message>
        <source>No denoiser yet: train one (one click, kept for next time) or open a dae (Model…).</source>
        <translation>अभी कोई शोर हटाने वाला मॉडल नहीं: एक प्रशिक्षित करें (एक क्लिक, अगली बार के लिए रखा जाएगा) या एक dae खोलें (मॉडल…)।</translation>
    </message>
    <message>
        <source>Denoiser: %1 (opened here).</source>
        <translation>शोर हटाने वाला मॉडल: %1 (यहाँ खोला गया)।</translation>
    </message>
    <message>
        <source>Denoiser: the kept %1.</source>
        <translation>शोर हटाने वाला मॉडल: रखा गया %1।</translation>
    </message>
    <message>
        <source>Denoiser: the explorer&apos;s model, %1.</source>
        <translation>शोर हटाने वाला मॉडल: एक्सप्लोरर का मॉडल, %1।</translation>
    </message>
    <message>
        <source>Denoiser: the explorer&apos;s model, %1. It was not trained to remove noise: train a denoiser for that.</source>
        <translation>शोर हटाने वाला मॉडल: एक्सप्लोरर का मॉडल, %1। यह शोर हटाने के लिए प्रशिक्षित नहीं हुआ था: इसके लिए शोर हटाने वाला मॉडल प्रशिक्षित करें।</translation>
    </message>
    <message>
        <source>No super-resolution model yet: train one (one click, kept for next time) or open an sr model (Model…).</source>
        <translation>अभी कोई सुपर-रिज़ॉल्यूशन मॉडल नहीं: एक प्रशिक्षित करें (एक क्लिक, अगली बार के लिए रखा जाएगा) या एक sr मॉडल खोलें (मॉडल…)।</translation>
    </message>
    <message>
        <source>Model: %1 (opened here).</source>
        <translation>मॉडल: %1 (यहाँ खोला गया)।</translation>
    </message>
    <message>
        <source>Model: the kept %1.</source>
        <translation>मॉडल: रखा गया %1।</translation>
    </message>
    <message>
        <source>Model: the explorer&apos;s model, %1.</source>
        <translation>मॉडल: एक्सप्लोरर का मॉडल, %1।</translation>
    </message>
    <message>
        <source>Training the %1…</source>
        <translation>%1 का प्रशिक्षण हो रहा है…</translation>
    </message>
    <message>
        <source>MNIST-style</source>
        <translation>MNIST-शैली</translation>
    </message>
    <message>
        <source>It shows several digits or marks: the largest was taken.</source>
        <translation>इसमें कई अंक या निशान हैं: सबसे बड़ा लिया गया।</translation>
    </message>
</context>
<context>
    <name>PcaComparePanel</name>
    <message>
        <source>click a digit
in the latent view</source>
        <translation>लेटेंट दृश्य में
किसी अंक पर क्लिक करें</translation>
    </message>
    <message>
        <source>Computing PCA…</source>
        <translation>PCA की गणना हो रही है…</translation>
    </message>
    <message>
        <source>No dataset.</source>
        <translation>कोई डेटासेट नहीं।</translation>
    </message>
    <message>
        <source>test digit</source>
        <translation>परीक्षण अंक</translation>
    </message>
    <message>
        <source>model</source>
        <translation>मॉडल</translation>
    </message>
    <message>
        <source>PCA: after scoring</source>
        <translation>PCA: स्कोरिंग के बाद</translation>
    </message>
    <message>
        <source>PCA, %1 comp.</source>
        <translation>PCA, %1 घटक</translation>
    </message>
    <message>
        <source>&lt;b&gt;PCA, 2 components&lt;/b&gt; (above): 5-NN %1, silhouette %2</source>
        <translation>&lt;b&gt;PCA, 2 घटक&lt;/b&gt; (ऊपर): 5-NN %1, सिल्हूट %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;PCA&lt;/b&gt;: waiting for a dataset</source>
        <translation>&lt;b&gt;PCA&lt;/b&gt;: डेटासेट की प्रतीक्षा</translation>
    </message>
    <message>
        <source>&lt;b&gt;Learned latent&lt;/b&gt; (%1, main view): 5-NN %2, silhouette %3</source>
        <translation>&lt;b&gt;सीखा हुआ लेटेंट&lt;/b&gt; (%1, मुख्य दृश्य): 5-NN %2, सिल्हूट %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;Learned latent&lt;/b&gt;: scored when training ends or a model is opened</source>
        <translation>&lt;b&gt;सीखा हुआ लेटेंट&lt;/b&gt;: प्रशिक्षण पूरा होने या मॉडल खुलने पर स्कोर होता है</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;Reconstruction MSE&lt;/b&gt; per pixel on the test split: model %1, PCA with %2 components %3</source>
        <translation>&lt;br&gt;परीक्षण भाग पर प्रति पिक्सेल &lt;b&gt;पुनर्निर्माण MSE&lt;/b&gt;: मॉडल %1, %2 घटकों वाला PCA %3</translation>
    </message>
    <message>
        <source>Computed when this panel is in front.</source>
        <translation>यह पैनल सामने होने पर गणना होती है।</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <source>Train or open a model, then drag in the latent view.</source>
        <translation>मॉडल प्रशिक्षित करें या खोलें, फिर लेटेंट दृश्य में खींचें।</translation>
    </message>
    <message>
        <source>&lt;b&gt;Decoded at the cursor&lt;/b&gt;</source>
        <translation>&lt;b&gt;कर्सर पर डिकोड&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Test digit #%1&lt;/b&gt;, label %2%3</source>
        <translation>&lt;b&gt;परीक्षण अंक #%1&lt;/b&gt;, लेबल %2%3</translation>
    </message>
    <message>
        <source>original</source>
        <translation>मूल</translation>
    </message>
    <message>
        <source>reconstruction</source>
        <translation>पुनर्निर्माण</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Models: checkpoints and TorchScript (*.pt *.pth *.ts *.ptl)</source>
        <translation>मॉडल: चेकपॉइंट और TorchScript (*.pt *.pth *.ts *.ptl)</translation>
    </message>
    <message>
        <source>TorchScript modules (*.ts *.pt)</source>
        <translation>TorchScript मॉड्यूल (*.ts *.pt)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG चित्र (*.png)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV फ़ाइलें (*.csv)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>सभी फ़ाइलें (*)</translation>
    </message>
    <message>
        <source>Latent Explorer models (*.pt);;All files (*)</source>
        <translation>Latent Explorer मॉडल (*.pt);;सभी फ़ाइलें (*)</translation>
    </message>
</context>
<context>
    <name>ReplayBar</name>
    <message>
        <source>Replay how the map formed while the model trained</source>
        <translation>मॉडल के प्रशिक्षण के दौरान मानचित्र कैसे बना, दोबारा चलाएँ</translation>
    </message>
    <message>
        <source>Drag to see the map after any part of the training; at the right end it is live</source>
        <translation>प्रशिक्षण के किसी भी हिस्से के बाद का मानचित्र देखने के लिए खींचें; दाएँ सिरे पर यह लाइव है</translation>
    </message>
    <message>
        <source>epoch %1 of %2</source>
        <translation>एपॉक %1 / %2</translation>
    </message>
    <message>
        <source>Replay:</source>
        <translation>रीप्ले:</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>रोकें</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>चलाएँ</translation>
    </message>
    <message>
        <source>no history</source>
        <translation>कोई इतिहास नहीं</translation>
    </message>
    <message>
        <source>now (epoch %1)</source>
        <translation>अभी (एपॉक %1)</translation>
    </message>
</context>
<context>
    <name>SecondModelPanel</name>
    <message>
        <source>Close the second model</source>
        <translation>दूसरा मॉडल बंद करें</translation>
    </message>
</context>
<context>
    <name>SelectionPanel</name>
    <message>
        <source>&amp;Decode the mean code</source>
        <translation>औसत कोड डिकोड करें(&amp;D)</translation>
    </message>
    <message>
        <source>The decoder&apos;s picture of the selected digits&apos; average code</source>
        <translation>चुने गए अंकों के औसत कोड का डिकोडर द्वारा बना चित्र</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>CSV निर्यात करें(&amp;C)…</translation>
    </message>
    <message>
        <source>Index, label and code of every selected digit</source>
        <translation>हर चुने गए अंक का सूचकांक, लेबल और कोड</translation>
    </message>
    <message>
        <source>Export &amp;sheet…</source>
        <translation>शीट निर्यात करें(&amp;S)…</translation>
    </message>
    <message>
        <source>Every selected digit as one PNG sheet</source>
        <translation>सभी चुने गए अंक एक PNG शीट में</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 digits selected&lt;/b&gt; (the first %2 shown)</source>
        <translation>&lt;b&gt;%1 अंक चुने गए&lt;/b&gt; (पहले %2 दिखाए गए)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 digits selected&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 अंक चुने गए&lt;/b&gt;</translation>
    </message>
    <message>
        <source>By label: %1</source>
        <translation>लेबल के अनुसार: %1</translation>
    </message>
    <message>
        <source>mean code, decoded</source>
        <translation>औसत कोड, डिकोड किया</translation>
    </message>
    <message>
        <source>Shift+drag on the map to select digits with a lasso (Ctrl+Shift+drag adds; Esc clears).</source>
        <translation>लैसो से अंक चुनने के लिए मानचित्र पर Shift+खींचें (Ctrl+Shift+खींचना जोड़ता है; Esc हटाता है)।</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Variational autoencoder (VAE)</source>
        <translation>वेरिएशनल ऑटोएनकोडर (VAE)</translation>
    </message>
    <message>
        <source>Convolutional autoencoder</source>
        <translation>कन्वोल्यूशनल ऑटोएनकोडर</translation>
    </message>
    <message>
        <source>Denoising autoencoder</source>
        <translation>शोर हटाने वाला ऑटोएनकोडर</translation>
    </message>
    <message>
        <source>Super-resolution autoencoder (14x14 to 28x28)</source>
        <translation>सुपर-रिज़ॉल्यूशन ऑटोएनकोडर (14x14 से 28x28)</translation>
    </message>
    <message>
        <source>Conditional VAE (cvae: label in, style in the latent)</source>
        <translation>कंडीशनल VAE (cvae: लेबल इनपुट में, शैली लेटेंट में)</translation>
    </message>
    <message>
        <source>Adversarial autoencoder (aae: codes pushed to N(0, I))</source>
        <translation>प्रतिकूल ऑटोएनकोडर (aae: कोड N(0, I) की ओर धकेले जाते हैं)</translation>
    </message>
    <message>
        <source>MLP (784-512-latent)</source>
        <translation>MLP (784-512-लेटेंट)</translation>
    </message>
    <message>
        <source>Wide conv 32-32 (the lesson&apos;s denoiser)</source>
        <translation>चौड़ा conv 32-32 (पाठ का डीनॉइज़र)</translation>
    </message>
    <message>
        <source>TorchScript module</source>
        <translation>TorchScript मॉड्यूल</translation>
    </message>
    <message>
        <source>Conv 16-8-8 (plots its codes)</source>
        <translation>Conv 16-8-8 (अपने कोड प्लॉट करता है)</translation>
    </message>
    <message>
        <source>Convolutional</source>
        <translation>कन्वोल्यूशनल</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>अपनी सेटिंग</translation>
    </message>
    <message>
        <source>Quick look: MLP VAE, 3 epochs (~7 s)</source>
        <translation>झलक: MLP VAE, 3 एपॉक (~7 s)</translation>
    </message>
    <message>
        <source>Lesson VAE: MLP, 20 epochs (~45 s, 5-NN 0.69)</source>
        <translation>पाठ का VAE: MLP, 20 एपॉक (~45 s, 5-NN 0.69)</translation>
    </message>
    <message>
        <source>Conv VAE, 3 epochs, KL warm-up 2 (~2 min, 5-NN 0.44)</source>
        <translation>Conv VAE, 3 एपॉक, KL वार्म-अप 2 (~2 मिनट, 5-NN 0.44)</translation>
    </message>
    <message>
        <source>Denoiser: wide conv AE, noise 0.5, 3 epochs</source>
        <translation>डीनॉइज़र: चौड़ा conv AE, शोर 0.5, 3 एपॉक</translation>
    </message>
    <message>
        <source>Super-resolution x2, 2 epochs</source>
        <translation>सुपर-रिज़ॉल्यूशन x2, 2 एपॉक</translation>
    </message>
    <message>
        <source>&quot;mnist&quot;, &quot;fashion-mnist&quot; or a folder holding the four IDX files (plain or .gz)</source>
        <translation>&quot;mnist&quot;, &quot;fashion-mnist&quot; या चार IDX फ़ाइलों (सादा या .gz) वाला फ़ोल्डर</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>फ़ोल्डर…</translation>
    </message>
    <message>
        <source>&amp;Dataset:</source>
        <translation>डेटासेट(&amp;D):</translation>
    </message>
    <message>
        <source>Pre&amp;set:</source>
        <translation>प्रीसेट(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>मॉडल(&amp;M):</translation>
    </message>
    <message>
        <source>&amp;Architecture:</source>
        <translation>आर्किटेक्चर(&amp;A):</translation>
    </message>
    <message>
        <source>Size of the latent code; 2 can be plotted directly. For the autoencoders 0 means no dense bottleneck.</source>
        <translation>लेटेंट कोड का आकार; 2 को सीधे प्लॉट किया जा सकता है। ऑटोएनकोडर के लिए 0 का अर्थ है कोई घना बॉटलनेक नहीं।</translation>
    </message>
    <message>
        <source>&amp;Latent size:</source>
        <translation>लेटेंट आकार(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>एपॉक(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>बैच आकार(&amp;B):</translation>
    </message>
    <message>
        <source>Learning &amp;rate:</source>
        <translation>लर्निंग रेट(&amp;R):</translation>
    </message>
    <message>
        <source>Weight of the KL term (beta-VAE); 1 is the plain ELBO</source>
        <translation>KL पद का भार (beta-VAE); 1 साधारण ELBO है</translation>
    </message>
    <message>
        <source>&amp;Beta (KL weight):</source>
        <translation>बीटा (KL भार)(&amp;B):</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> एपॉक</translation>
    </message>
    <message>
        <source>Beta rises linearly from 0 over this many epochs</source>
        <translation>बीटा इतने एपॉक में 0 से रैखिक रूप से बढ़ता है</translation>
    </message>
    <message>
        <source>&amp;KL warm-up:</source>
        <translation>KL वार्म-अप(&amp;K):</translation>
    </message>
    <message>
        <source>Standard deviation of the Gaussian noise the denoiser learns to remove</source>
        <translation>उस गाउसियन शोर का मानक विचलन जिसे डीनॉइज़र हटाना सीखता है</translation>
    </message>
    <message>
        <source>&amp;Noise std:</source>
        <translation>शोर std(&amp;N):</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>सीड(&amp;E):</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>स्वचालित</translation>
    </message>
    <message>
        <source>Threads for training (LibTorch and OpenBLAS share them). Auto: one per core, fewer while other programs keep cores busy</source>
        <translation>प्रशिक्षण के थ्रेड (LibTorch और OpenBLAS इन्हें साझा करते हैं)। स्वचालित: हर कोर पर एक, और कम जब दूसरे प्रोग्राम कोर व्यस्त रखें</translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation>थ्रेड(&amp;T):</translation>
    </message>
    <message>
        <source>Auto (the first GPU)</source>
        <translation>स्वचालित (पहला GPU)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation>GPU %1</translation>
    </message>
    <message>
        <source>Where training computes. The latent view decodes from a copy of the weights on the CPU either way.</source>
        <translation>प्रशिक्षण की गणना कहाँ हो। लेटेंट दृश्य दोनों ही स्थितियों में CPU पर रखी भारों की प्रति से डिकोड करता है।</translation>
    </message>
    <message>
        <source>De&amp;vice:</source>
        <translation>डिवाइस(&amp;V):</translation>
    </message>
    <message>
        <source>Epoch %1/%2, step %3/%4
%5 samples/s on the GPU (%6), %7 left</source>
        <translation>एपॉक %1/%2, चरण %3/%4
GPU (%6) पर %5 नमूने/s, %7 बाकी</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> चरण</translation>
    </message>
    <message>
        <source>How often the training loss is plotted</source>
        <translation>प्रशिक्षण लॉस कितनी बार प्लॉट हो</translation>
    </message>
    <message>
        <source>&amp;Plot every:</source>
        <translation>हर इतने पर प्लॉट(&amp;P):</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>तैयार।</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>शुरू हो रहा है…</translation>
    </message>
    <message>
        <source>epoch %1/%2 · %3%</source>
        <translation>एपॉक %1/%2 · %3%</translation>
    </message>
    <message numerus="yes">
        <source>Epoch %1/%2, step %3/%4
%5 samples/s on %n thread(s), %6 left</source>
        <translation>
            <numerusform>एपॉक %1/%2, चरण %3/%4
%n थ्रेड पर %5 नमूने/s, %6 बाकी</numerusform>
            <numerusform>एपॉक %1/%2, चरण %3/%4
%n थ्रेड पर %5 नमूने/s, %6 बाकी</numerusform>
        </translation>
    </message>
    <message>
        <source>Training %1 on %2 images (%3 test)</source>
        <translation>%2 चित्रों पर %1 का प्रशिक्षण (%3 परीक्षण)</translation>
    </message>
    <message>
        <source>Finished. %1</source>
        <translation>पूरा। %1</translation>
    </message>
    <message>
        <source>Stopped: %1. The weights of the last step are kept.</source>
        <translation>रोका गया: %1। अंतिम चरण के भार रखे गए हैं।</translation>
    </message>
    <message>
        <source>Separated 2-D map (map: neighbours kept together, no labels)</source>
        <translation>अलग-अलग समूहों वाला 2-D नक्शा (map: पड़ोसी साथ रहते हैं, बिना लेबल)</translation>
    </message>
    <message>
        <source>Map: how many nearest neighbours of each training image its graph keeps together</source>
        <translation>नक्शा: हर प्रशिक्षण छवि के कितने निकटतम पड़ोसी उसका ग्राफ़ साथ रखता है</translation>
    </message>
    <message>
        <source>Map: how close codes may pack (UMAP&apos;s min_dist); smaller gives tighter clusters</source>
        <translation>नक्शा: कोड कितने पास सिमट सकते हैं (UMAP का min_dist); छोटा मान कसे हुए समूह देता है</translation>
    </message>
    <message>
        <source>min. distance</source>
        <translation>न्यूनतम दूरी</translation>
    </message>
    <message>
        <source>Map &amp;neighbours:</source>
        <translation>नक्शे के पड़ोसी(&amp;N):</translation>
    </message>
    <message>
        <source>Map: weight of UMAP&apos;s neighbour loss beside the reconstruction</source>
        <translation>नक्शा: पुनर्निर्माण के साथ UMAP के पड़ोसी लॉस का भार</translation>
    </message>
    <message>
        <source>Map: pull of the codes towards UMAP&apos;s own layout of the graph, which gives the map its shape early</source>
        <translation>नक्शा: ग्राफ़ के UMAP लेआउट की ओर कोडों का खिंचाव, जो नक्शे को शुरू में ही आकार देता है</translation>
    </message>
    <message>
        <source>layout</source>
        <translation>लेआउट</translation>
    </message>
    <message>
        <source>Map &amp;weights:</source>
        <translation>नक्शे के भार(&amp;W):</translation>
    </message>
    <message>
        <source>neighbours: %1 %</source>
        <translation>पड़ोसी: %1 %</translation>
    </message>
    <message>
        <source>Finding each training image&apos;s nearest neighbours (once per run)…</source>
        <translation>हर प्रशिक्षण छवि के निकटतम पड़ोसी खोजे जा रहे हैं (हर रन में एक बार)…</translation>
    </message>
    <message>
        <source>layout: %1 %</source>
        <translation>लेआउट: %1 %</translation>
    </message>
    <message>
        <source>Laying out the neighbour graph (UMAP), before the first step…</source>
        <translation>पहले चरण से पहले पड़ोसी ग्राफ़ का लेआउट (UMAP) बन रहा है…</translation>
    </message>
    <message>
        <source>Smoothest VAE map: MLP VAE, 50 epochs (~2 min, 5-NN 0.72)</source>
        <translation>सबसे सहज VAE नक्शा: MLP VAE, 50 एपॉक (~2 मिनट, 5-NN 0.72)</translation>
    </message>
    <message>
        <source>Separated 2-D map: map (UMAP), 40 epochs (~2.5 min, 5-NN 0.95)</source>
        <translation>अलग-अलग समूहों वाला 2-D नक्शा: map (UMAP), 40 एपॉक (~2.5 मिनट, 5-NN 0.95)</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Open Model…</source>
        <translation>मॉडल खोलें(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save Model</source>
        <translation>मॉडल सहेजें(&amp;S)</translation>
    </message>
    <message>
        <source>Save Model &amp;As…</source>
        <translation>मॉडल इस रूप में सहेजें(&amp;A)…</translation>
    </message>
    <message>
        <source>Open &amp;Dataset Folder…</source>
        <translation>डेटासेट फ़ोल्डर खोलें(&amp;D)…</translation>
    </message>
    <message>
        <source>Open &amp;Picture of a Digit…</source>
        <translation>अंक का चित्र खोलें(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Paste Picture</source>
        <translation>चित्र पेस्ट करें(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>बंद करें(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>प्रशिक्षण(&amp;T)</translation>
    </message>
    <message>
        <source>Train a new model with the settings of the form (F5)</source>
        <translation>फ़ॉर्म की सेटिंग से नया मॉडल प्रशिक्षित करें (F5)</translation>
    </message>
    <message>
        <source>&amp;Continue Training</source>
        <translation>प्रशिक्षण जारी रखें(&amp;C)</translation>
    </message>
    <message>
        <source>Train the current model for the form&apos;s number of epochs more, with its own settings and optimiser state (Ctrl+F5)</source>
        <translation>वर्तमान मॉडल को उसकी अपनी सेटिंग और ऑप्टिमाइज़र स्थिति के साथ फ़ॉर्म में दिए एपॉक जितना और प्रशिक्षित करें (Ctrl+F5)</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>जारी रखें</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>रोकें(&amp;P)</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>बंद करें(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit Latent View</source>
        <translation>लेटेंट दृश्य फ़िट करें(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;About Latent Explorer</source>
        <translation>Latent Explorer के बारे में(&amp;A)</translation>
    </message>
    <message>
        <source>About Latent Explorer</source>
        <translation>Latent Explorer के बारे में</translation>
    </message>
    <message numerus="yes">
        <source>, %n thread(s)</source>
        <translation>
            <numerusform>, %n थ्रेड</numerusform>
            <numerusform>, %n थ्रेड</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Latent Explorer %1&lt;/b&gt;&lt;p&gt;Train autoencoders and VAEs on MNIST and touch their latent space.&lt;/p&gt;&lt;p&gt;Drag in the latent view to decode a point; click a digit to see it and its reconstruction; wheel zooms, right-drag pans, double-click fits.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Latent Explorer %1&lt;/b&gt;&lt;p&gt;MNIST पर ऑटोएनकोडर और VAE प्रशिक्षित करें और उनके लेटेंट स्पेस को छूकर देखें।&lt;/p&gt;&lt;p&gt;किसी बिंदु को डिकोड करने के लिए लेटेंट दृश्य में खींचें; किसी अंक और उसके पुनर्निर्माण को देखने के लिए उस पर क्लिक करें; व्हील से ज़ूम, दायाँ बटन खींचकर सरकाएँ, डबल-क्लिक से फ़िट।&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;table cellpadding=&quot;2&quot;&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;LibTorch&lt;/td&gt;&lt;td&gt;%2, %n thread(s)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Processors&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>
            <numerusform>&lt;table cellpadding=&quot;2&quot;&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;LibTorch&lt;/td&gt;&lt;td&gt;%2, %n थ्रेड&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;प्रोसेसर&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</numerusform>
            <numerusform>&lt;table cellpadding=&quot;2&quot;&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;LibTorch&lt;/td&gt;&lt;td&gt;%2, %n थ्रेड&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;प्रोसेसर&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>भाषा(&amp;L)</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>सिस्टम (%1)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>भाषा</translation>
    </message>
    <message>
        <source>Latent Explorer will be in %1 from its next start.</source>
        <translation>अगली बार शुरू होने से Latent Explorer %1 में होगा।</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>फ़ाइल(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>संपादन(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>प्रशिक्षण(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>दृश्य(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>सहायता(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>फिर शुरू करें(&amp;R)</translation>
    </message>
    <message>
        <source>Open a Second Model to &amp;Compare…</source>
        <translation>तुलना के लिए दूसरा मॉडल खोलें(&amp;C)…</translation>
    </message>
    <message>
        <source>Shows another model&apos;s map of the same digits beside this one; hovering or selecting digits in one shows them in the other</source>
        <translation>उन्हीं अंकों का दूसरे मॉडल का मानचित्र इसके बगल में दिखाता है; एक में अंकों पर होवर करने या उन्हें चुनने से वे दूसरे में भी दिखते हैं</translation>
    </message>
</context>
</TS>
