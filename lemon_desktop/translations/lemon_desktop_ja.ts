<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>BoardKeeper</name>
    <message>
        <source>That comparison&apos;s jobs are no longer recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That action is not available here yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CharCounter</name>
    <message>
        <source>{count} characters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareBoard</name>
    <message>
        <source>Compare: {prompt}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in gallery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this comparison&apos;s images in the gallery (search group:{id})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results of {model}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{cost} · {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} of {n} done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>The key works with {url}: {count} image models available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key did not work: the gateway at {url} rejected it. {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was not checked, because the gateway could not be reached (the key may be fine). {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway at {url} rejected the API key: {reason} Change the key, or use the sandbox meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reason} Queued jobs wait, and Generate is off until the gateway answers. Try again, or use the sandbox meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate is off: the gateway is offline. Try again, or use the sandbox (Gateway menu).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate is off: the gateway rejected the API key. Change it, or use the sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate is off: no API key is set. Paste one, or use the sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to the gateway…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste your API key first (it starts with sk-).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key contains spaces or line breaks; paste it as one word.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditSourceRow</name>
    <message>
        <source>Stop editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate from the prompt and references again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the image to edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing {image} inside its mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing {image}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lemon Desktop hit an unexpected problem and carried on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{message}

Details were written to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export 1 image to a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Export %n images to a folder.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The folder to copy the images into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File name template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields: %1. Any field takes :N to keep its first N characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the metadata (prompt, model and settings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strip all metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removes every record from the files, content credentials included.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File names:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder to export to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the file names a template, e.g. %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExtraParamsBox</name>
    <message>
        <source>Extra parameters (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid JSON: {msg} (line {line}, column {col}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra parameters must be a JSON object such as {&quot;seed&quot;: 42}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Filmstrip</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunPanel</name>
    <message>
        <source>Welcome to Lemon Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To generate images, paste your LemonData API key. It is kept in your system keyring, never in a settings file. No key yet? Try the built-in sandbox: a local stand-in gateway that draws test images for free.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sk-…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save key and start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the key although the gateway could not check it; Generate waits until the gateway answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the sandbox meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the built-in sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or, without a key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problem}
You can set {env} before starting the app, or paste the key below and use it for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the gateway about the key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{found} The key was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{found} Save the key anyway (Generate waits until the gateway answers), or use the sandbox meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storing the key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key could not be stored; see above.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FolderImport</name>
    <message>
        <source>The import ran out of memory and stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indexed {0} images in place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {0} images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} copied in from where they were</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} already in the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} not images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} folders could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…and {0} more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder {0} {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FolderImportDialog</name>
    <message>
        <source>Import a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder of PNG, JPEG or WebP images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the images into the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library keeps them even if the folder is moved or deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the images where they are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No second copy and a faster import. The library never moves or deletes these files; if they are moved inside the folder, Verify finds them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is not a folder. Choose a folder that exists.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FolderImportProgress</name>
    <message>
        <source>Importing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for images in {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after the current file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {0} of {1} files from {2}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gallery</name>
    <message>
        <source>Could not import: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryActions</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reuse Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to Album…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Compare Board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No prompt stored for this image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags, separated by commas:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to Album</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album (a new name creates it):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryChips</name>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>♥ Favourites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any album</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This year</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryPanel</name>
    <message>
        <source>Search prompts…   model:  tag:  album:  fav  rating:&gt;=4  ratio:16:9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No images match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1+ images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>· %1 selected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GatewayActions</name>
    <message>
        <source>&amp;Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the connection again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the built-in sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the gateway with my key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change API key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the new key: it is checked with the gateway before it is stored.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GeneratePanel</name>
    <message>
        <source>Compare several models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick models in the list to send one prompt to all of them side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to this unlisted model anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library is not open yet; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding the images to the library…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The images cannot be sent as they are: see above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} only finishes images it is given (upscaling, background removal, edits); it cannot make one from a prompt. Choose another model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} is not in the gateway&apos;s model list. Choose a model from the list, or tick “Send to this unlisted model anyway”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick at least two models in the list to compare them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reason} Untick it or change the setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cost unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway&apos;s price list gives no usable price for {model}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≈ {cost}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated from the gateway&apos;s price list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryPopup</name>
    <message>
        <source>Search earlier prompts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No prompts yet: each one you generate is kept here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No earlier prompt contains those words.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageActions</name>
    <message>
        <source>Mask ready: write what goes there and press Generate (Ctrl+Enter).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageCell</name>
    <message>
        <source>Favourite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate this image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open, use as reference, edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick this one: it becomes a favourite, and the others can go to the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in the viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the trash</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageDetails</name>
    <message>
        <source>Copy prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Original metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the original metadata (JSON) to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revised prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Albums</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In trash since</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Image Viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reuse Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill the generate panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Image Viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open the image: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobController</name>
    <message>
        <source>Not sent to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobOverlay</name>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preview %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeySection</name>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sk-…  (paste a new key to replace the stored one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store in keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear stored key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the system keyring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using the key from the LEMONDATA_API_KEY environment variable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key is stored in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key is stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the gateway about the key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{found} The key was not stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{found} Store it anyway, or use the sandbox meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storing the key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key stored in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored key removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There was no stored key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opening the library…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the sandbox…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{app} — Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings filled in; nothing was generated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dropped image carries its settings ({model}). Reuse them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reuse settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library is still opening; try again shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new library folder is used from the next start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarkHistory</name>
    <message>
        <source>rating (1 image)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rating (%n images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rating cleared on 1 image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rating cleared on %n images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rated 1 image %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rated %n images %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>favourite (1 image)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>favourite (%n images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 image marked as favourite.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n images marked as favourites.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unfavourite (1 image)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unfavourite (%n images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 image no longer a favourite.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n images no longer favourites.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Z undoes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undid %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redid %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MaskBar</name>
    <message>
        <source>Brush</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brush size (pixels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hardness: soft to hard edge</source>
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
        <source>Invert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same area as before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the mask this image was made with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the painted area: the prompt says what goes there</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MaskPainter</name>
    <message>
        <source>The mask could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mask is %1 and the picture %2: it cannot be laid over it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paint where the picture should change first: the mask is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mask covers the whole picture, so nothing would be kept: leave some of it unpainted, or edit without a mask.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelLane</name>
    <message>
        <source>What this model&apos;s jobs cost, and how long they took</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Search models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters the list; Up and Down move in it, Enter chooses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Favourites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{rate} ok in 24 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#{rank}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model}: no profile here, so only common settings plus extras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from favourites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to favourites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose {model}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NameDialog</name>
    <message>
        <source>Existing names are offered as you type.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>Queued {model}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} is held: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending to {model}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} is running… {percent}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} is running…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading the result of {model}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model}: done, 1 image stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model}: done, {n} images stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model}: cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model}: outcome unknown. It may have run; nothing was sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} failed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch of {n}: {finished} finished, {done} done…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch of {n}: all done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch of {n} finished: {done} done, {other} not (see the queue).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lemon Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model}: {prompt}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PanelInputs</name>
    <message>
        <source>{model} takes no reference images; {others} do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} edits one image and takes no references beside it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParamDefaults</name>
    <message>
        <source>the model chooses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model default: not documented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model default: {value}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParamEditors</name>
    <message>
        <source>(not set)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParamPanel</name>
    <message>
        <source>Advanced</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PausedBanner</name>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the jobs whose price is unknown, although a spending cap is set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue is paused: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PickBar</name>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring the trashed images back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picked the image from {model}: it is a favourite now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PresetBar</name>
    <message>
        <source>Presets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply a saved model and its settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset ▾</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as preset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no preset called “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template has no {subject}: it replaces the prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a preset to rename first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a preset to delete first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the preset “{name}”?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromptBox</name>
    <message>
        <source>History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the prompts you used before</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromptEdit</name>
    <message>
        <source>Describe the image you want…  (Ctrl+Enter generates, ↑/↓ browse history)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDelegate</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app stopped while this job was being sent, so the gateway may or may not have run it (and billed it). Nothing was sent again automatically. Look for the image in the gallery; Retry sends the same request once more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated before sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway may have run this job and charged about this much</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing charged: the job did not run, or the gateway refunds it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price unknown: the gateway&apos;s price for this model could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} + unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} of {n} done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{active} of {n} running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch of {n}: {models}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} with a problem: select a job for its reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel every unfinished job of this batch; Open shows its compare board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open board: this batch&apos;s results side by side</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Clear finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide done, failed and cancelled jobs from this list. Nothing is deleted: their images stay in the gallery, and the command line&apos;s “jobs list” and “jobs check” still find every job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No jobs yet. Write a prompt and press Ctrl+Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue: {parts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model}, {state}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new jobs are on hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open board</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReferenceTray</name>
    <message>
        <source>References</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add images the model works from (or drop, drag from the gallery, paste)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected images from the tray (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library is not open yet; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} takes no reference images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} takes at most {limit} images; not added: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is already in the tray.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add reference images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} of {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} takes up to {limit} images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: left out, {model} takes {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} takes {limit}; left out: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reason} Left out: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop images here, drag them from the gallery or paste (Ctrl+V).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>References (adding {n}…)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SavePresetDialog</name>
    <message>
        <source>Save preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poster, watercolour, product shot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the prompt as a template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a watercolour of {subject}, soft light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write {subject} where the part that changes goes: applying the preset puts the prompt you have then in its place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields: {date} {model} {prompt:40} {n} … (see the library docs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concurrent jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poll interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily spending cap ($)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export file names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(applies the next time the app starts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LemonData (the default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LemonData at api.tokenlab.sh, where its newest documentation is published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway&apos;s address: pick one it publishes, or type another https URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focus the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the gallery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare several models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the selected job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry the selected job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected job&apos;s image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume a paused queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo a rating or favourite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the image in the viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected images to the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Favourite / unfavourite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate ★</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate ★★</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate ★★★</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate ★★★★</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate ★★★★★</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit (paint a mask)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use as reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upscale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous image</source>
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
        <source>Fit to the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual size (100 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the viewer</source>
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
</context>
<context>
    <name>SizeEditor</name>
    <message>
        <source>Custom…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the aspect ratio when one side changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nearest valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to the closest size this model accepts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StageActionBar</name>
    <message>
        <source>No rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate (0-5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every detail of the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image alone</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StageDetails</name>
    <message>
        <source>Favourite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate %1 (again to clear)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made from this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · gone (sha256 %2…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · image %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(in the trash)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StagePanel</name>
    <message>
        <source>Could not show the image: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TilePrices</name>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UndoBanner</name>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WipeBar</name>
    <message>
        <source>Composite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The edit put back onto the original: pixels outside the mask kept exactly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the model returned, as it returned it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red where the model changed pixels the mask protected; the edited area blue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before / after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The original left of the line, the result right of it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the wipe line is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outside the mask: %1 changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No composite</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WipeLayer</name>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running against the built-in sandbox: images are test drawings, nothing is billed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
