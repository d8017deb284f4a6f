<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>BoardKeeper</name>
    <message>
        <source>That comparison&apos;s jobs are no longer recorded.</source>
        <translation>その比較のジョブはもう記録されていません。</translation>
    </message>
    <message>
        <source>That action is not available here yet.</source>
        <translation>その操作はここではまだ使えません。</translation>
    </message>
</context>
<context>
    <name>CharCounter</name>
    <message>
        <source>{count} characters</source>
        <translation>{count} 文字</translation>
    </message>
</context>
<context>
    <name>CompareBoard</name>
    <message>
        <source>Compare: {prompt}</source>
        <translation>比較：{prompt}</translation>
    </message>
    <message>
        <source>Show in gallery</source>
        <translation>ギャラリーで表示</translation>
    </message>
    <message>
        <source>Show this comparison&apos;s images in the gallery (search group:{id})</source>
        <translation>この比較の画像をギャラリーに表示（group:{id} で検索）</translation>
    </message>
    <message>
        <source>Results of {model}</source>
        <translation>{model} の結果</translation>
    </message>
    <message>
        <source>{cost} · {time}</source>
        <translation>{cost} · {time}</translation>
    </message>
    <message>
        <source>%n model</source>
        <translation>%n 個のモデル</translation>
    </message>
    <message>
        <source>%n models</source>
        <translation>%n 個のモデル</translation>
    </message>
    <message>
        <source>{done} of {n} done</source>
        <translation>{n} 件中 {done} 件完了</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>The key works with {url}: {count} image models available.</source>
        <translation>キーは {url} で使えます：画像モデル {count} 個が利用可能です。</translation>
    </message>
    <message>
        <source>The key did not work: the gateway at {url} rejected it. {reason}</source>
        <translation>キーが使えません：{url} のゲートウェイに拒否されました。{reason}</translation>
    </message>
    <message>
        <source>The key was not checked, because the gateway could not be reached (the key may be fine). {reason}</source>
        <translation>ゲートウェイに接続できなかったため、キーは確認していません（キー自体は問題ないかもしれません）。{reason}</translation>
    </message>
    <message>
        <source>The gateway at {url} rejected the API key: {reason} Change the key, or use the sandbox meanwhile.</source>
        <translation>{url} のゲートウェイが API キーを拒否しました：{reason} キーを変更するか、当面はサンドボックスを使ってください。</translation>
    </message>
    <message>
        <source>{reason} Queued jobs wait, and Generate is off until the gateway answers. Try again, or use the sandbox meanwhile.</source>
        <translation>{reason} キュー内のジョブは待機し、ゲートウェイが応答するまで生成できません。再試行するか、当面はサンドボックスを使ってください。</translation>
    </message>
    <message>
        <source>Generate is off: the gateway is offline. Try again, or use the sandbox (Gateway menu).</source>
        <translation>生成できません：ゲートウェイがオフラインです。再試行するか、サンドボックスを使ってください（ゲートウェイメニュー）。</translation>
    </message>
    <message>
        <source>Generate is off: the gateway rejected the API key. Change it, or use the sandbox.</source>
        <translation>生成できません：ゲートウェイが API キーを拒否しました。キーを変更するか、サンドボックスを使ってください。</translation>
    </message>
    <message>
        <source>Generate is off: no API key is set. Paste one, or use the sandbox.</source>
        <translation>生成できません：API キーが未設定です。キーを貼り付けるか、サンドボックスを使ってください。</translation>
    </message>
    <message>
        <source>Connecting to the gateway…</source>
        <translation>ゲートウェイに接続しています…</translation>
    </message>
    <message>
        <source>Paste your API key first (it starts with sk-).</source>
        <translation>先に API キー（sk- で始まる）を貼り付けてください。</translation>
    </message>
    <message>
        <source>The API key contains spaces or line breaks; paste it as one word.</source>
        <translation>API キーに空白や改行が含まれています。1 語として貼り付けてください。</translation>
    </message>
</context>
<context>
    <name>EditSourceRow</name>
    <message>
        <source>Stop editing</source>
        <translation>編集をやめる</translation>
    </message>
    <message>
        <source>Generate from the prompt and references again</source>
        <translation>プロンプトと参照画像からもう一度生成</translation>
    </message>
    <message>
        <source>Preparing the image to edit…</source>
        <translation>編集する画像を準備しています…</translation>
    </message>
    <message>
        <source>Editing {image} inside its mask</source>
        <translation>{image} のマスク内を編集中</translation>
    </message>
    <message>
        <source>Editing {image}</source>
        <translation>{image} を編集中</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Try again</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Use the sandbox</source>
        <translation>サンドボックスを使う</translation>
    </message>
    <message>
        <source>Change key…</source>
        <translation>キーを変更…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>問題が発生しました</translation>
    </message>
    <message>
        <source>Lemon Desktop hit an unexpected problem and carried on.</source>
        <translation>Lemon Desktop で予期しない問題が起きましたが、処理を続けています。</translation>
    </message>
    <message>
        <source>{message}

Details were written to {path}.</source>
        <translation>{message}

詳細は {path} に書き込みました。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export images</source>
        <translation>画像を書き出し</translation>
    </message>
    <message>
        <source>Export 1 image to a folder.</source>
        <translation>1 枚の画像をフォルダーに書き出します。</translation>
    </message>
    <message numerus="yes">
        <source>Export %n images to a folder.</source>
        <translation>
            <numerusform>%n 枚の画像をフォルダーに書き出します。</numerusform>
        </translation>
    </message>
    <message>
        <source>The folder to copy the images into</source>
        <translation>画像のコピー先フォルダー</translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation>書き出し先フォルダー</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>File name template</source>
        <translation>ファイル名テンプレート</translation>
    </message>
    <message>
        <source>Fields: %1. Any field takes :N to keep its first N characters.</source>
        <translation>フィールド：%1。どのフィールドも :N で先頭 N 文字だけを残せます。</translation>
    </message>
    <message>
        <source>Fields: %1</source>
        <translation>フィールド：%1</translation>
    </message>
    <message>
        <source>Keep the metadata (prompt, model and settings)</source>
        <translation>メタデータ（プロンプト、モデル、設定）を残す</translation>
    </message>
    <message>
        <source>Strip all metadata</source>
        <translation>メタデータをすべて削除</translation>
    </message>
    <message>
        <source>Removes every record from the files, content credentials included.</source>
        <translation>コンテンツ認証情報も含め、ファイルからすべての記録を取り除きます。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>書き出し</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>フォルダー：</translation>
    </message>
    <message>
        <source>File names:</source>
        <translation>ファイル名：</translation>
    </message>
    <message>
        <source>Export to Folder</source>
        <translation>フォルダーに書き出し</translation>
    </message>
    <message>
        <source>Choose the folder to export to.</source>
        <translation>書き出し先のフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 はファイルで、フォルダーではありません。</translation>
    </message>
    <message>
        <source>Give the file names a template, e.g. %1.</source>
        <translation>ファイル名のテンプレートを指定してください（例：%1）。</translation>
    </message>
</context>
<context>
    <name>ExtraParamsBox</name>
    <message>
        <source>Extra parameters (JSON)</source>
        <translation>追加パラメーター（JSON）</translation>
    </message>
    <message>
        <source>Extra parameters as a JSON object</source>
        <translation>JSON オブジェクトで指定する追加パラメーター</translation>
    </message>
    <message>
        <source>Not valid JSON: {msg} (line {line}, column {col}).</source>
        <translation>有効な JSON ではありません：{msg}（{line} 行 {col} 列）。</translation>
    </message>
    <message>
        <source>Extra parameters must be a JSON object such as {&quot;seed&quot;: 42}.</source>
        <translation>追加パラメーターは {&quot;seed&quot;: 42} のような JSON オブジェクトにしてください。</translation>
    </message>
</context>
<context>
    <name>Filmstrip</name>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>場所を表示</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
</context>
<context>
    <name>FirstRunPanel</name>
    <message>
        <source>Welcome to Lemon Desktop</source>
        <translation>Lemon Desktop へようこそ</translation>
    </message>
    <message>
        <source>To generate images, paste your LemonData API key. It is kept in your system keyring, never in a settings file. No key yet? Try the built-in sandbox: a local stand-in gateway that draws test images for free.</source>
        <translation>画像を生成するには、LemonData の API キーを貼り付けてください。キーはシステムのキーリングに保存され、設定ファイルには書かれません。まだキーがない場合は、内蔵サンドボックスを試してください。テスト画像を無料で描くローカルの代替ゲートウェイです。</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API キー</translation>
    </message>
    <message>
        <source>sk-…</source>
        <translation>sk-…</translation>
    </message>
    <message>
        <source>Test key</source>
        <translation>キーをテスト</translation>
    </message>
    <message>
        <source>Save key and start</source>
        <translation>キーを保存して開始</translation>
    </message>
    <message>
        <source>Use for this session only</source>
        <translation>このセッションだけで使う</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>それでも保存</translation>
    </message>
    <message>
        <source>Keep the key although the gateway could not check it; Generate waits until the gateway answers</source>
        <translation>ゲートウェイで確認できなくてもキーを保持します。生成はゲートウェイが応答するまで待ちます</translation>
    </message>
    <message>
        <source>Use the sandbox meanwhile</source>
        <translation>当面はサンドボックスを使う</translation>
    </message>
    <message>
        <source>Try the built-in sandbox</source>
        <translation>内蔵サンドボックスを試す</translation>
    </message>
    <message>
        <source>Or, without a key:</source>
        <translation>キーなしで使うには：</translation>
    </message>
    <message>
        <source>{problem}
You can set {env} before starting the app, or paste the key below and use it for this session only.</source>
        <translation>{problem}
アプリ起動前に {env} を設定するか、下にキーを貼り付けてこのセッションだけで使えます。</translation>
    </message>
    <message>
        <source>Asking the gateway about the key…</source>
        <translation>ゲートウェイにキーを確認しています…</translation>
    </message>
    <message>
        <source>{found} The key was not saved.</source>
        <translation>{found} キーは保存されていません。</translation>
    </message>
    <message>
        <source>{found} Save the key anyway (Generate waits until the gateway answers), or use the sandbox meanwhile.</source>
        <translation>{found} それでもキーを保存する（生成はゲートウェイの応答を待ちます）か、当面はサンドボックスを使ってください。</translation>
    </message>
    <message>
        <source>Storing the key…</source>
        <translation>キーを保存しています…</translation>
    </message>
    <message>
        <source>The key could not be stored; see above.</source>
        <translation>キーを保存できませんでした。上を参照してください。</translation>
    </message>
</context>
<context>
    <name>FolderImport</name>
    <message>
        <source>The import ran out of memory and stopped.</source>
        <translation>読み込み中にメモリが不足したため停止しました。</translation>
    </message>
    <message>
        <source>Indexed {0} images in place</source>
        <translation>{0} 枚の画像をその場でインデックスしました</translation>
    </message>
    <message>
        <source>Imported {0} images</source>
        <translation>{0} 枚の画像を読み込みました</translation>
    </message>
    <message>
        <source>{0} copied in from where they were</source>
        <translation>{0} 枚を元の場所からコピー</translation>
    </message>
    <message>
        <source>{0} already in the library</source>
        <translation>{0} 枚はライブラリに登録済み</translation>
    </message>
    <message>
        <source>{0} not images</source>
        <translation>{0} 件は画像ではありません</translation>
    </message>
    <message>
        <source>{0} skipped</source>
        <translation>{0} 件をスキップ</translation>
    </message>
    <message>
        <source>{0} could not be read</source>
        <translation>{0} 件は読み込めませんでした</translation>
    </message>
    <message>
        <source>{0} folders could not be read</source>
        <translation>{0} 個のフォルダーを読み込めませんでした</translation>
    </message>
    <message>
        <source>Stopped. </source>
        <translation>停止しました。</translation>
    </message>
    <message>
        <source>…and {0} more.</source>
        <translation>…ほか {0} 件。</translation>
    </message>
    <message>
        <source>Folder {0} {1}</source>
        <translation>フォルダー {0}：{1}</translation>
    </message>
</context>
<context>
    <name>FolderImportDialog</name>
    <message>
        <source>Import a folder</source>
        <translation>フォルダーを読み込む</translation>
    </message>
    <message>
        <source>A folder of PNG, JPEG or WebP images</source>
        <translation>PNG・JPEG・WebP 画像のフォルダー</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Copy the images into the library</source>
        <translation>画像をライブラリにコピー</translation>
    </message>
    <message>
        <source>The library keeps them even if the folder is moved or deleted.</source>
        <translation>フォルダーが移動・削除されても、ライブラリに残ります。</translation>
    </message>
    <message>
        <source>Leave the images where they are</source>
        <translation>画像を元の場所に置いたままにする</translation>
    </message>
    <message>
        <source>No second copy and a faster import. The library never moves or deletes these files; if they are moved inside the folder, Verify finds them again.</source>
        <translation>コピーを作らず、読み込みも速くなります。ライブラリがこれらのファイルを移動・削除することはありません。フォルダー内で移動されても「検証」で再び見つかります。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>読み込み</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>フォルダー：</translation>
    </message>
    <message>
        <source>Choose the folder to import.</source>
        <translation>読み込むフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>{0} is not a folder. Choose a folder that exists.</source>
        <translation>{0} はフォルダーではありません。存在するフォルダーを選んでください。</translation>
    </message>
</context>
<context>
    <name>FolderImportProgress</name>
    <message>
        <source>Importing</source>
        <translation>読み込み中</translation>
    </message>
    <message>
        <source>Looking for images in {0}…</source>
        <translation>{0} 内の画像を探しています…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stopping after the current file…</source>
        <translation>現在のファイルの後で停止します…</translation>
    </message>
    <message>
        <source>Imported {0} of {1} files from {2}</source>
        <translation>{2} から {1} 件中 {0} 件のファイルを読み込みました</translation>
    </message>
</context>
<context>
    <name>Gallery</name>
    <message>
        <source>Could not import: %1</source>
        <translation>読み込めませんでした：%1</translation>
    </message>
</context>
<context>
    <name>GalleryActions</name>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>フォルダーで表示</translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation>画像をコピー</translation>
    </message>
    <message>
        <source>Copy Prompt</source>
        <translation>プロンプトをコピー</translation>
    </message>
    <message>
        <source>Reuse Settings</source>
        <translation>設定を再利用</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>お気に入り</translation>
    </message>
    <message>
        <source>Tag…</source>
        <translation>タグ…</translation>
    </message>
    <message>
        <source>Add to Album…</source>
        <translation>アルバムに追加…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>書き出し…</translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation>ゴミ箱へ移動</translation>
    </message>
    <message>
        <source>Restore from Trash</source>
        <translation>ゴミ箱から戻す</translation>
    </message>
    <message>
        <source>Open Compare Board</source>
        <translation>比較ボードを開く</translation>
    </message>
    <message>
        <source>No Rating</source>
        <translation>評価なし</translation>
    </message>
    <message>
        <source>The gallery is still updating; try again.</source>
        <translation>ギャラリーを更新中です。もう一度お試しください。</translation>
    </message>
    <message>
        <source>Could not read the selected images: %1</source>
        <translation>選択した画像を読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>Reading the selected images; drag them again in a moment.</source>
        <translation>選択した画像を読み込んでいます。少ししてからもう一度ドラッグしてください。</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>評価</translation>
    </message>
    <message>
        <source>Image copied.</source>
        <translation>画像をコピーしました。</translation>
    </message>
    <message>
        <source>No prompt stored for this image.</source>
        <translation>この画像にはプロンプトが保存されていません。</translation>
    </message>
    <message>
        <source>Prompt copied.</source>
        <translation>プロンプトをコピーしました。</translation>
    </message>
    <message>
        <source>Tag Images</source>
        <translation>画像にタグを付ける</translation>
    </message>
    <message>
        <source>Tags, separated by commas:</source>
        <translation>タグ（カンマ区切り）：</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>タグ</translation>
    </message>
    <message>
        <source>Add to Album</source>
        <translation>アルバムに追加</translation>
    </message>
    <message>
        <source>Album (a new name creates it):</source>
        <translation>アルバム（新しい名前で作成）：</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
</context>
<context>
    <name>GalleryChips</name>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>♥ Favourites</source>
        <translation>♥ お気に入り</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>評価</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Album</source>
        <translation>アルバム</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>ゴミ箱</translation>
    </message>
    <message>
        <source>Any model</source>
        <translation>すべてのモデル</translation>
    </message>
    <message>
        <source>Any album</source>
        <translation>すべてのアルバム</translation>
    </message>
    <message>
        <source>Any rating</source>
        <translation>すべての評価</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>すべての期間</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>過去 7 日</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>過去 30 日</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
</context>
<context>
    <name>GalleryPanel</name>
    <message>
        <source>Search the gallery</source>
        <translation>ギャラリーを検索</translation>
    </message>
    <message>
        <source>Search prompts…   model:  tag:  album:  fav  rating:&gt;=4  ratio:16:9</source>
        <translation>プロンプトを検索…   model:  tag:  album:  fav  rating:&gt;=4  ratio:16:9</translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation>サムネイルのサイズ</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Arrow keys move; Enter shows the image on the stage; F: favourite; 0 to 5: rate; Delete: move to the trash; Ctrl+Z undoes a mark</source>
        <translation>矢印キーで移動、Enter でステージに表示、F：お気に入り、0〜5：評価、Del：ゴミ箱へ移動、Ctrl+Z：マークを元に戻す</translation>
    </message>
    <message>
        <source>No images match.</source>
        <translation>一致する画像はありません。</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>%n image</source>
        <translation>%n 枚の画像</translation>
    </message>
    <message>
        <source>%n images</source>
        <translation>%n 枚の画像</translation>
    </message>
    <message>
        <source>%1+ images</source>
        <translation>%1 枚以上の画像</translation>
    </message>
    <message>
        <source>· %1 selected</source>
        <translation>· %1 枚選択中</translation>
    </message>
</context>
<context>
    <name>GatewayActions</name>
    <message>
        <source>&amp;Gateway</source>
        <translation>ゲートウェイ(&amp;G)</translation>
    </message>
    <message>
        <source>Check the connection again</source>
        <translation>接続を再確認</translation>
    </message>
    <message>
        <source>Use the built-in sandbox</source>
        <translation>内蔵サンドボックスを使う</translation>
    </message>
    <message>
        <source>Use the gateway with my key</source>
        <translation>自分のキーでゲートウェイを使う</translation>
    </message>
    <message>
        <source>Change API key…</source>
        <translation>API キーを変更…</translation>
    </message>
    <message>
        <source>Paste the new key: it is checked with the gateway before it is stored.</source>
        <translation>新しいキーを貼り付けてください。保存前にゲートウェイで確認します。</translation>
    </message>
</context>
<context>
    <name>GeneratePanel</name>
    <message>
        <source>Compare several models</source>
        <translation>複数のモデルを比較</translation>
    </message>
    <message>
        <source>Tick models in the list to send one prompt to all of them side by side</source>
        <translation>一覧でモデルをチェックすると、同じプロンプトを全モデルに送って並べて比較します</translation>
    </message>
    <message>
        <source>Send to this unlisted model anyway</source>
        <translation>一覧にないこのモデルにそれでも送信する</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>The library is not open yet; try again.</source>
        <translation>ライブラリがまだ開いていません。再試行してください。</translation>
    </message>
    <message>
        <source>Choose a model.</source>
        <translation>モデルを選んでください。</translation>
    </message>
    <message>
        <source>Adding the images to the library…</source>
        <translation>画像をライブラリに追加しています…</translation>
    </message>
    <message>
        <source>The images cannot be sent as they are: see above.</source>
        <translation>画像はこのままでは送信できません。上を参照してください。</translation>
    </message>
    <message>
        <source>{model} only finishes images it is given (upscaling, background removal, edits); it cannot make one from a prompt. Choose another model.</source>
        <translation>{model} は渡された画像の仕上げ（アップスケール、背景除去、編集）専用で、プロンプトからは画像を作れません。別のモデルを選んでください。</translation>
    </message>
    <message>
        <source>{model} is not in the gateway&apos;s model list. Choose a model from the list, or tick “Send to this unlisted model anyway”.</source>
        <translation>{model} はゲートウェイのモデル一覧にありません。一覧から選ぶか、「一覧にないこのモデルにそれでも送信する」をチェックしてください。</translation>
    </message>
    <message>
        <source>Checking the images…</source>
        <translation>画像を確認しています…</translation>
    </message>
    <message>
        <source>Tick at least two models in the list to compare them.</source>
        <translation>比較するには一覧でモデルを 2 つ以上チェックしてください。</translation>
    </message>
    <message>
        <source>{reason} Untick it or change the setting.</source>
        <translation>{reason} チェックを外すか、設定を変更してください。</translation>
    </message>
    <message>
        <source>cost unknown</source>
        <translation>費用不明</translation>
    </message>
    <message>
        <source>The gateway&apos;s price list gives no usable price for {model}</source>
        <translation>ゲートウェイの価格表に {model} の有効な価格がありません</translation>
    </message>
    <message>
        <source>≈ {cost}</source>
        <translation>≈ {cost}</translation>
    </message>
    <message>
        <source>Estimated from the gateway&apos;s price list</source>
        <translation>ゲートウェイの価格表からの見積もり</translation>
    </message>
</context>
<context>
    <name>HistoryPopup</name>
    <message>
        <source>Search earlier prompts…</source>
        <translation>過去のプロンプトを検索…</translation>
    </message>
    <message>
        <source>No prompts yet: each one you generate is kept here.</source>
        <translation>まだプロンプトはありません。生成に使ったものがここに残ります。</translation>
    </message>
    <message>
        <source>No earlier prompt contains those words.</source>
        <translation>その語を含む過去のプロンプトはありません。</translation>
    </message>
</context>
<context>
    <name>ImageActions</name>
    <message>
        <source>Mask ready: write what goes there and press Generate (Ctrl+Enter).</source>
        <translation>マスクの準備完了：描く内容を書いて「生成」（Ctrl+Enter）を押してください。</translation>
    </message>
    <message>
        <source>Tagged %n image.</source>
        <translation>%n 枚の画像にタグを付けました。</translation>
    </message>
    <message>
        <source>Tagged %n images.</source>
        <translation>%n 枚の画像にタグを付けました。</translation>
    </message>
    <message>
        <source>Added %n image to the album.</source>
        <translation>%n 枚の画像をアルバムに追加しました。</translation>
    </message>
    <message>
        <source>Added %n images to the album.</source>
        <translation>%n 枚の画像をアルバムに追加しました。</translation>
    </message>
    <message>
        <source>Restored %n image.</source>
        <translation>%n 枚の画像を戻しました。</translation>
    </message>
    <message>
        <source>Restored %n images.</source>
        <translation>%n 枚の画像を戻しました。</translation>
    </message>
</context>
<context>
    <name>ImageCell</name>
    <message>
        <source>Favourite</source>
        <translation>お気に入り</translation>
    </message>
    <message>
        <source>Rate this image</source>
        <translation>この画像を評価</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>評価</translation>
    </message>
    <message>
        <source>Open, use as reference, edit</source>
        <translation>開く・参照画像に使う・編集</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>その他の操作</translation>
    </message>
    <message>
        <source>Pick</source>
        <translation>採用</translation>
    </message>
    <message>
        <source>Pick this one: it becomes a favourite, and the others can go to the trash</source>
        <translation>これを採用：お気に入りになり、他はゴミ箱へ移動できます</translation>
    </message>
    <message>
        <source>No rating</source>
        <translation>評価なし</translation>
    </message>
    <message>
        <source>Open in the viewer</source>
        <translation>ビューアーで開く</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>採用済み</translation>
    </message>
    <message>
        <source>In the trash</source>
        <translation>ゴミ箱内</translation>
    </message>
</context>
<context>
    <name>ImageDetails</name>
    <message>
        <source>Original metadata</source>
        <translation>元のメタデータ</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <source>Revised prompt</source>
        <translation>修正後のプロンプト</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>ネガティブプロンプト</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>コスト</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>使用量</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>追加日時</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>パス</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Marks</source>
        <translation>マーク</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>タグ</translation>
    </message>
    <message>
        <source>Albums</source>
        <translation>アルバム</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>タスク</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>ジョブ</translation>
    </message>
    <message>
        <source>Source URL</source>
        <translation>ソース URL</translation>
    </message>
    <message>
        <source>App</source>
        <translation>アプリ</translation>
    </message>
    <message>
        <source>In trash since</source>
        <translation>ゴミ箱に入れた日時</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Image Viewer</source>
        <translation>画像ビューアー</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全体表示</translation>
    </message>
    <message>
        <source>Reuse Settings</source>
        <translation>設定を再利用</translation>
    </message>
    <message>
        <source>Fill the generate panel</source>
        <translation>生成パネルに入力</translation>
    </message>
    <message>
        <source>%1 — Image Viewer</source>
        <translation>%1 — 画像ビューアー</translation>
    </message>
    <message>
        <source>Could not open the image: %1</source>
        <translation>画像を開けませんでした：%1</translation>
    </message>
</context>
<context>
    <name>JobController</name>
    <message>
        <source>Not sent to %1: %2</source>
        <translation>%1 には送信されませんでした：%2</translation>
    </message>
</context>
<context>
    <name>JobOverlay</name>
    <message>
        <source>Queued</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>保留中</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>送信中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>ダウンロード中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>結果不明</translation>
    </message>
    <message>
        <source>preview %1</source>
        <translation>プレビュー %1</translation>
    </message>
</context>
<context>
    <name>KeySection</name>
    <message>
        <source>API key</source>
        <translation>API キー</translation>
    </message>
    <message>
        <source>sk-…  (paste a new key to replace the stored one)</source>
        <translation>sk-…（新しいキーを貼り付けると保存済みのキーを置き換えます）</translation>
    </message>
    <message>
        <source>Store in keyring</source>
        <translation>キーリングに保存</translation>
    </message>
    <message>
        <source>Clear stored key</source>
        <translation>保存済みキーを削除</translation>
    </message>
    <message>
        <source>Store anyway</source>
        <translation>それでも保存</translation>
    </message>
    <message>
        <source>Asking the system keyring…</source>
        <translation>システムのキーリングに問い合わせています…</translation>
    </message>
    <message>
        <source>Using the key from the LEMONDATA_API_KEY environment variable.</source>
        <translation>環境変数 LEMONDATA_API_KEY のキーを使っています。</translation>
    </message>
    <message>
        <source>A key is stored in the system keyring.</source>
        <translation>システムのキーリングにキーが保存されています。</translation>
    </message>
    <message>
        <source>No key is stored.</source>
        <translation>キーは保存されていません。</translation>
    </message>
    <message>
        <source>Asking the gateway about the key…</source>
        <translation>ゲートウェイにキーを確認しています…</translation>
    </message>
    <message>
        <source>{found} The key was not stored.</source>
        <translation>{found} キーは保存されていません。</translation>
    </message>
    <message>
        <source>{found} Store it anyway, or use the sandbox meanwhile.</source>
        <translation>{found} それでも保存するか、当面はサンドボックスを使ってください。</translation>
    </message>
    <message>
        <source>Storing the key…</source>
        <translation>キーを保存しています…</translation>
    </message>
    <message>
        <source>Key stored in the system keyring.</source>
        <translation>キーをシステムのキーリングに保存しました。</translation>
    </message>
    <message>
        <source>Stored key removed.</source>
        <translation>保存済みのキーを削除しました。</translation>
    </message>
    <message>
        <source>There was no stored key.</source>
        <translation>保存済みのキーはありませんでした。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opening the library…</source>
        <translation>ライブラリを開いています…</translation>
    </message>
    <message>
        <source>Updating the library for this version (once; large libraries take a few minutes)…</source>
        <translation>このバージョン用にライブラリを更新しています（初回のみ。大きなライブラリでは数分かかります）…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>キュー(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Starting the sandbox…</source>
        <translation>サンドボックスを起動しています…</translation>
    </message>
    <message>
        <source>{app} — Sandbox</source>
        <translation>{app} — サンドボックス</translation>
    </message>
    <message>
        <source>Settings filled in; nothing was generated.</source>
        <translation>設定を入力しました。生成はしていません。</translation>
    </message>
    <message>
        <source>The dropped image carries its settings ({model}). Reuse them?</source>
        <translation>ドロップした画像には設定（{model}）が含まれています。再利用しますか？</translation>
    </message>
    <message>
        <source>unknown model</source>
        <translation>不明なモデル</translation>
    </message>
    <message>
        <source>Reuse settings</source>
        <translation>設定を再利用</translation>
    </message>
    <message>
        <source>The library is still opening; try again shortly.</source>
        <translation>ライブラリを開いている途中です。すぐに再試行してください。</translation>
    </message>
    <message>
        <source>The new library folder is used from the next start.</source>
        <translation>新しいライブラリフォルダーは次回起動時から使われます。</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>サンドボックス</translation>
    </message>
    <message>
        <source>Running against the built-in sandbox: images are test drawings, nothing is billed</source>
        <translation>内蔵サンドボックスで実行中：画像はテスト描画で、料金はかかりません</translation>
    </message>
</context>
<context>
    <name>MarkHistory</name>
    <message>
        <source>rating (1 image)</source>
        <translation>評価（1 枚）</translation>
    </message>
    <message>
        <source>rating (%n images)</source>
        <translation>評価（%n 枚）</translation>
    </message>
    <message>
        <source>Rating cleared on 1 image.</source>
        <translation>1 枚の画像の評価をクリアしました。</translation>
    </message>
    <message>
        <source>Rating cleared on %n images.</source>
        <translation>%n 枚の画像の評価をクリアしました。</translation>
    </message>
    <message>
        <source>Rated 1 image %1.</source>
        <translation>1 枚の画像を %1 と評価しました。</translation>
    </message>
    <message>
        <source>Rated %n images %1.</source>
        <translation>%n 枚の画像を %1 と評価しました。</translation>
    </message>
    <message>
        <source>favourite (1 image)</source>
        <translation>お気に入り（1 枚）</translation>
    </message>
    <message>
        <source>favourite (%n images)</source>
        <translation>お気に入り（%n 枚）</translation>
    </message>
    <message>
        <source>1 image marked as favourite.</source>
        <translation>1 枚の画像をお気に入りにしました。</translation>
    </message>
    <message>
        <source>%n images marked as favourites.</source>
        <translation>%n 枚の画像をお気に入りにしました。</translation>
    </message>
    <message>
        <source>unfavourite (1 image)</source>
        <translation>お気に入り解除（1 枚）</translation>
    </message>
    <message>
        <source>unfavourite (%n images)</source>
        <translation>お気に入り解除（%n 枚）</translation>
    </message>
    <message>
        <source>1 image no longer a favourite.</source>
        <translation>1 枚の画像をお気に入りから外しました。</translation>
    </message>
    <message>
        <source>%n images no longer favourites.</source>
        <translation>%n 枚の画像をお気に入りから外しました。</translation>
    </message>
    <message>
        <source>Ctrl+Z undoes it.</source>
        <translation>Ctrl+Z で元に戻せます。</translation>
    </message>
    <message>
        <source>Undid %1.</source>
        <translation>%1 を元に戻しました。</translation>
    </message>
    <message>
        <source>Redid %1.</source>
        <translation>%1 をやり直しました。</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation>%1 を元に戻す</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>やり直し</translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation>%1 をやり直す</translation>
    </message>
</context>
<context>
    <name>MaskBar</name>
    <message>
        <source>Brush</source>
        <translation>ブラシ</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>消しゴム</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>投げ縄</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Brush size (pixels)</source>
        <translation>ブラシサイズ（ピクセル）</translation>
    </message>
    <message>
        <source>Hardness</source>
        <translation>硬さ</translation>
    </message>
    <message>
        <source>Hardness: soft to hard edge</source>
        <translation>硬さ：柔らかい縁から硬い縁まで</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>やり直し</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>反転</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>クリア</translation>
    </message>
    <message>
        <source>Same area as before</source>
        <translation>前回と同じ範囲</translation>
    </message>
    <message>
        <source>Load the mask this image was made with</source>
        <translation>この画像の作成に使ったマスクを読み込む</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Use mask</source>
        <translation>マスクを使う</translation>
    </message>
    <message>
        <source>Edit the painted area: the prompt says what goes there</source>
        <translation>塗った範囲を編集：そこに描く内容をプロンプトで指定</translation>
    </message>
</context>
<context>
    <name>MaskPainter</name>
    <message>
        <source>The mask could not be read.</source>
        <translation>マスクを読み込めませんでした。</translation>
    </message>
    <message>
        <source>The mask is %1 and the picture %2: it cannot be laid over it.</source>
        <translation>マスクは %1、画像は %2 のため、重ねられません。</translation>
    </message>
    <message>
        <source>Paint where the picture should change first: the mask is empty.</source>
        <translation>先に変えたい場所を塗ってください。マスクが空です。</translation>
    </message>
    <message>
        <source>The mask covers the whole picture, so nothing would be kept: leave some of it unpainted, or edit without a mask.</source>
        <translation>マスクが画像全体を覆っているため、何も残りません。一部を塗らずに残すか、マスクなしで編集してください。</translation>
    </message>
</context>
<context>
    <name>ModelLane</name>
    <message>
        <source>What this model&apos;s jobs cost, and how long they took</source>
        <translation>このモデルのジョブの費用と所要時間</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Search models…</source>
        <translation>モデルを検索…</translation>
    </message>
    <message>
        <source>Search models</source>
        <translation>モデルを検索</translation>
    </message>
    <message>
        <source>Filters the list; Up and Down move in it, Enter chooses</source>
        <translation>リストを絞り込み、上下キーで移動、Enter で選択</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Favourites</source>
        <translation>お気に入り</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>おすすめ</translation>
    </message>
    <message>
        <source>{rate} ok in 24 h</source>
        <translation>24 時間の成功率 {rate}</translation>
    </message>
    <message>
        <source>#{rank}</source>
        <translation>#{rank}</translation>
    </message>
    <message>
        <source>{model}: no profile here, so only common settings plus extras</source>
        <translation>{model}：プロファイルがないため、共通設定と追加パラメーターのみ</translation>
    </message>
    <message>
        <source>Remove from favourites</source>
        <translation>お気に入りから外す</translation>
    </message>
    <message>
        <source>Add to favourites</source>
        <translation>お気に入りに追加</translation>
    </message>
    <message>
        <source>Choose {model}</source>
        <translation>{model} を選択</translation>
    </message>
</context>
<context>
    <name>NameDialog</name>
    <message>
        <source>Existing names are offered as you type.</source>
        <translation>入力中に既存の名前が候補に出ます。</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>Queued {model}.</source>
        <translation>{model} をキューに追加しました。</translation>
    </message>
    <message>
        <source>{model} is held: {reason}</source>
        <translation>{model} は保留中です：{reason}</translation>
    </message>
    <message>
        <source>Sending to {model}…</source>
        <translation>{model} に送信しています…</translation>
    </message>
    <message>
        <source>{model} is running… {percent}%</source>
        <translation>{model} を実行中… {percent}%</translation>
    </message>
    <message>
        <source>{model} is running…</source>
        <translation>{model} を実行中…</translation>
    </message>
    <message>
        <source>Downloading the result of {model}…</source>
        <translation>{model} の結果をダウンロードしています…</translation>
    </message>
    <message>
        <source>{model}: done, 1 image stored.</source>
        <translation>{model}：完了、画像 1 枚を保存しました。</translation>
    </message>
    <message>
        <source>{model}: done, {n} images stored.</source>
        <translation>{model}：完了、画像 {n} 枚を保存しました。</translation>
    </message>
    <message>
        <source>{model}: cancelled.</source>
        <translation>{model}：キャンセルしました。</translation>
    </message>
    <message>
        <source>{model}: outcome unknown. It may have run; nothing was sent again.</source>
        <translation>{model}：結果不明。実行された可能性があります。再送信はしていません。</translation>
    </message>
    <message>
        <source>{model} failed: {reason}</source>
        <translation>{model} が失敗しました：{reason}</translation>
    </message>
    <message>
        <source>Batch of {n}: {finished} finished, {done} done…</source>
        <translation>{n} 件のバッチ：{finished} 件終了、{done} 件完了…</translation>
    </message>
    <message>
        <source>Batch of {n}: all done.</source>
        <translation>{n} 件のバッチ：すべて完了。</translation>
    </message>
    <message>
        <source>Batch of {n} finished: {done} done, {other} not (see the queue).</source>
        <translation>{n} 件のバッチが終了：{done} 件完了、{other} 件未完了（キューを参照）。</translation>
    </message>
    <message>
        <source>Lemon Desktop</source>
        <translation>Lemon Desktop</translation>
    </message>
    <message>
        <source>Image ready</source>
        <translation>画像ができました</translation>
    </message>
    <message>
        <source>{model}: {prompt}</source>
        <translation>{model}：{prompt}</translation>
    </message>
    <message>
        <source>Job failed</source>
        <translation>ジョブが失敗しました</translation>
    </message>
</context>
<context>
    <name>PanelInputs</name>
    <message>
        <source>{model} takes no reference images; {others} do.</source>
        <translation>{model} は参照画像を受け付けません。{others} は受け付けます。</translation>
    </message>
    <message>
        <source>{model} edits one image and takes no references beside it.</source>
        <translation>{model} は 1 枚の画像を編集し、それ以外の参照画像は受け付けません。</translation>
    </message>
</context>
<context>
    <name>ParamDefaults</name>
    <message>
        <source>the model chooses</source>
        <translation>モデルが決める</translation>
    </message>
    <message>
        <source>model default: not documented</source>
        <translation>モデルの既定：記載なし</translation>
    </message>
    <message>
        <source>model default: {value}</source>
        <translation>モデルの既定：{value}</translation>
    </message>
</context>
<context>
    <name>ParamEditors</name>
    <message>
        <source>(not set)</source>
        <translation>（未設定）</translation>
    </message>
</context>
<context>
    <name>ParamPanel</name>
    <message>
        <source>Advanced</source>
        <translation>詳細設定</translation>
    </message>
</context>
<context>
    <name>PausedBanner</name>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>それでも送信</translation>
    </message>
    <message>
        <source>Send the jobs whose price is unknown, although a spending cap is set</source>
        <translation>支出上限が設定されていても、価格不明のジョブを送信する</translation>
    </message>
    <message>
        <source>The queue is paused: {reason}</source>
        <translation>キューは一時停止中です：{reason}</translation>
    </message>
</context>
<context>
    <name>PickBar</name>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Bring the trashed images back</source>
        <translation>ゴミ箱の画像を元に戻す</translation>
    </message>
    <message>
        <source>Picked the image from {model}: it is a favourite now.</source>
        <translation>{model} の画像を採用しました。お気に入りになりました。</translation>
    </message>
    <message>
        <source>Move the other %n to the trash</source>
        <translation>残りの %n 枚をゴミ箱へ移動</translation>
    </message>
    <message>
        <source>Moved %n image to the trash.</source>
        <translation>%n 枚の画像をゴミ箱へ移動しました。</translation>
    </message>
    <message>
        <source>Moved %n images to the trash.</source>
        <translation>%n 枚の画像をゴミ箱へ移動しました。</translation>
    </message>
    <message>
        <source>Restored %n image.</source>
        <translation>%n 枚の画像を戻しました。</translation>
    </message>
    <message>
        <source>Restored %n images.</source>
        <translation>%n 枚の画像を戻しました。</translation>
    </message>
</context>
<context>
    <name>PresetBar</name>
    <message>
        <source>Presets</source>
        <translation>プリセット</translation>
    </message>
    <message>
        <source>Apply a saved model and its settings</source>
        <translation>保存したモデルと設定を適用</translation>
    </message>
    <message>
        <source>Preset ▾</source>
        <translation>プリセット ▾</translation>
    </message>
    <message>
        <source>Save as preset…</source>
        <translation>プリセットとして保存…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>名前を変更…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>There is no preset called “{name}”.</source>
        <translation>「{name}」というプリセットはありません。</translation>
    </message>
    <message>
        <source>The template has no {subject}: it replaces the prompt.</source>
        <translation>テンプレートに {subject} がないため、プロンプト全体を置き換えます。</translation>
    </message>
    <message>
        <source>Choose a preset to rename first.</source>
        <translation>先に名前を変更するプリセットを選んでください。</translation>
    </message>
    <message>
        <source>Rename preset</source>
        <translation>プリセット名を変更</translation>
    </message>
    <message>
        <source>New name</source>
        <translation>新しい名前</translation>
    </message>
    <message>
        <source>Choose a preset to delete first.</source>
        <translation>先に削除するプリセットを選んでください。</translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation>プリセットを削除</translation>
    </message>
    <message>
        <source>Delete the preset “{name}”?</source>
        <translation>プリセット「{name}」を削除しますか？</translation>
    </message>
</context>
<context>
    <name>PromptBox</name>
    <message>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <source>Ctrl+Enter generates; Up and Down browse the prompts used before</source>
        <translation>Ctrl+Enter で生成、上下キーで過去のプロンプトを表示</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>履歴…</translation>
    </message>
    <message>
        <source>Search the prompts you used before</source>
        <translation>過去に使ったプロンプトを検索</translation>
    </message>
</context>
<context>
    <name>PromptEdit</name>
    <message>
        <source>Describe the image you want…  (Ctrl+Enter generates, ↑/↓ browse history)</source>
        <translation>作りたい画像を説明してください…（Ctrl+Enter で生成、↑/↓ で履歴）</translation>
    </message>
</context>
<context>
    <name>QueueDelegate</name>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>確認</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Queued</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>保留中</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>送信中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>ダウンロード中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>結果不明</translation>
    </message>
    <message>
        <source>The app stopped while this job was being sent, so the gateway may or may not have run it (and billed it). Nothing was sent again automatically. Look for the image in the gallery; Retry sends the same request once more.</source>
        <translation>このジョブの送信中にアプリが停止したため、ゲートウェイが実行（および請求）したかどうかは不明です。自動での再送信はしていません。ギャラリーで画像を探してください。「再試行」で同じリクエストをもう一度送信します。</translation>
    </message>
    <message>
        <source>Charged</source>
        <translation>請求済み</translation>
    </message>
    <message>
        <source>Estimated before sending</source>
        <translation>送信前の見積もり</translation>
    </message>
    <message>
        <source>The gateway may have run this job and charged about this much</source>
        <translation>ゲートウェイがこのジョブを実行し、この程度請求した可能性があります</translation>
    </message>
    <message>
        <source>Nothing charged: the job did not run, or the gateway refunds it</source>
        <translation>請求なし：ジョブが実行されなかったか、ゲートウェイが返金します</translation>
    </message>
    <message>
        <source>Price unknown: the gateway&apos;s price for this model could not be read</source>
        <translation>価格不明：このモデルのゲートウェイ価格を読み取れませんでした</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>{amount} + unknown</source>
        <translation>{amount} + 不明</translation>
    </message>
    <message>
        <source>{done} of {n} done</source>
        <translation>{n} 件中 {done} 件完了</translation>
    </message>
    <message>
        <source>{active} of {n} running</source>
        <translation>{n} 件中 {active} 件実行中</translation>
    </message>
    <message>
        <source>Batch of {n}: {models}</source>
        <translation>{n} 件のバッチ：{models}</translation>
    </message>
    <message>
        <source>{n} prompts</source>
        <translation>{n} 件のプロンプト</translation>
    </message>
    <message>
        <source>{n} with a problem: select a job for its reason</source>
        <translation>{n} 件に問題あり：ジョブを選ぶと理由を表示</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>ジョブ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>コスト</translation>
    </message>
    <message>
        <source>Waits for the sandbox gateway, where it was made: choose Gateway → Use the built-in sandbox to run it.</source>
        <translation>作成元のサンドボックス ゲートウェイを待っています。実行するには「ゲートウェイ」→「内蔵サンドボックスを使う」を選んでください。</translation>
    </message>
    <message>
        <source>Waits for gateway {url}, where it was made: set the base URL in Settings to {url} to run it.</source>
        <translation>作成元のゲートウェイ {url} を待っています。実行するには設定でベース URL を {url} にしてください。</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待ち</translation>
    </message>
    <message>
        <source>Cancel every unfinished job of this batch; Open shows its compare board</source>
        <translation>このバッチの未完了ジョブをすべてキャンセル。「開く」で比較ボードを表示</translation>
    </message>
    <message>
        <source>Open board: this batch&apos;s results side by side</source>
        <translation>ボードを開く：このバッチの結果を並べて表示</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Clear finished</source>
        <translation>終了分をクリア</translation>
    </message>
    <message>
        <source>Hide done, failed and cancelled jobs from this list. Nothing is deleted: their images stay in the gallery, and the command line&apos;s “jobs list” and “jobs check” still find every job.</source>
        <translation>完了・失敗・キャンセル済みのジョブを一覧から隠します。何も削除されません。画像はギャラリーに残り、コマンドラインの「jobs list」と「jobs check」ではすべてのジョブが見つかります。</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>ジョブ</translation>
    </message>
    <message>
        <source>Up and Down choose a job; Ctrl+O opens its image, Ctrl+R retries it, Ctrl+Backspace cancels it</source>
        <translation>上下キーでジョブを選択、Ctrl+O で画像を開く、Ctrl+R で再試行、Ctrl+Backspace でキャンセル</translation>
    </message>
    <message>
        <source>No jobs yet. Write a prompt and press Ctrl+Enter.</source>
        <translation>まだジョブはありません。プロンプトを書いて Ctrl+Enter を押してください。</translation>
    </message>
    <message>
        <source>{n} running</source>
        <translation>{n} 件実行中</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>{n} 件待機中</translation>
    </message>
    <message>
        <source>{n} for another gateway</source>
        <translation>{n} 件は別のゲートウェイ用</translation>
    </message>
    <message>
        <source>{n} finished</source>
        <translation>{n} 件終了</translation>
    </message>
    <message>
        <source>Queue: {parts}</source>
        <translation>キュー：{parts}</translation>
    </message>
    <message>
        <source>{model}, {state}: {reason}</source>
        <translation>{model}、{state}：{reason}</translation>
    </message>
    <message>
        <source>new jobs are on hold.</source>
        <translation>新しいジョブは保留中です。</translation>
    </message>
    <message>
        <source>Open board</source>
        <translation>ボードを開く</translation>
    </message>
</context>
<context>
    <name>ReferenceList</name>
    <message>
        <source>Reference images</source>
        <translation>参照画像</translation>
    </message>
    <message>
        <source>Alt+Left and Alt+Right move an image; Delete removes it; Ctrl+V pastes</source>
        <translation>Alt+左/右で画像を移動、Delete で削除、Ctrl+V で貼り付け</translation>
    </message>
</context>
<context>
    <name>ReferenceTray</name>
    <message>
        <source>References</source>
        <translation>参照画像</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>追加…</translation>
    </message>
    <message>
        <source>Add images the model works from (or drop, drag from the gallery, paste)</source>
        <translation>モデルが使う画像を追加（ドロップ、ギャラリーからのドラッグ、貼り付けも可）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove the selected images from the tray (Del)</source>
        <translation>選択した画像をトレイから削除（Del）</translation>
    </message>
    <message>
        <source>The clipboard holds no image.</source>
        <translation>クリップボードに画像がありません。</translation>
    </message>
    <message>
        <source>image {id}</source>
        <translation>画像 {id}</translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation>貼り付けた画像</translation>
    </message>
    <message>
        <source>The library is not open yet; try again in a moment.</source>
        <translation>ライブラリがまだ開いていません。少し待ってから再試行してください。</translation>
    </message>
    <message>
        <source>{model} takes no reference images.</source>
        <translation>{model} は参照画像を受け付けません。</translation>
    </message>
    <message>
        <source>{model} takes at most {limit} images; not added: {names}.</source>
        <translation>{model} が受け付ける画像は最大 {limit} 枚です。追加されなかったもの：{names}。</translation>
    </message>
    <message>
        <source>{name} is already in the tray.</source>
        <translation>{name} はすでにトレイにあります。</translation>
    </message>
    <message>
        <source>Add reference images</source>
        <translation>参照画像を追加</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff)</source>
        <translation>画像 (*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>{n} of {limit}</source>
        <translation>{n} / {limit}</translation>
    </message>
    <message>
        <source>none taken</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>{model} takes up to {limit} images</source>
        <translation>{model} は画像を最大 {limit} 枚まで受け付けます</translation>
    </message>
    <message>
        <source>left out</source>
        <translation>除外</translation>
    </message>
    <message>
        <source>{name}: left out, {model} takes {limit}</source>
        <translation>{name}：除外（{model} は {limit} 枚まで）</translation>
    </message>
    <message>
        <source>{model} takes {limit}; left out: {names}.</source>
        <translation>{model} は {limit} 枚まで。除外：{names}。</translation>
    </message>
    <message>
        <source>{reason} Left out: {names}.</source>
        <translation>{reason} 除外：{names}。</translation>
    </message>
    <message>
        <source>Drop images here, drag them from the gallery or paste (Ctrl+V).</source>
        <translation>ここに画像をドロップ、ギャラリーからドラッグ、または貼り付け（Ctrl+V）。</translation>
    </message>
    <message>
        <source>References (adding {n}…)</source>
        <translation>参照画像（{n} 枚を追加中…）</translation>
    </message>
</context>
<context>
    <name>SavePresetDialog</name>
    <message>
        <source>Save preset</source>
        <translation>プリセットを保存</translation>
    </message>
    <message>
        <source>Poster, watercolour, product shot…</source>
        <translation>ポスター、水彩、商品写真…</translation>
    </message>
    <message>
        <source>Keep the prompt as a template</source>
        <translation>プロンプトをテンプレートとして残す</translation>
    </message>
    <message>
        <source>a watercolour of {subject}, soft light</source>
        <translation>{subject}の水彩画、柔らかな光</translation>
    </message>
    <message>
        <source>Write {subject} where the part that changes goes: applying the preset puts the prompt you have then in its place.</source>
        <translation>変わる部分に {subject} と書きます。プリセットを適用すると、その時のプロンプトがそこに入ります。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>テンプレート</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>上限なし</translation>
    </message>
    <message>
        <source>Fields: {date} {model} {prompt:40} {n} … (see the library docs)</source>
        <translation>フィールド：{date} {model} {prompt:40} {n} …（ライブラリの説明を参照）</translation>
    </message>
    <message>
        <source>System</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>ライト</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>ダーク</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>ベース URL</translation>
    </message>
    <message>
        <source>Library folder</source>
        <translation>ライブラリのフォルダー</translation>
    </message>
    <message>
        <source>Concurrent jobs</source>
        <translation>同時実行ジョブ数</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>接続タイムアウト</translation>
    </message>
    <message>
        <source>Read timeout</source>
        <translation>読み取りタイムアウト</translation>
    </message>
    <message>
        <source>Task timeout</source>
        <translation>タスクのタイムアウト</translation>
    </message>
    <message>
        <source>Poll interval</source>
        <translation>ポーリング間隔</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>既定のモデル</translation>
    </message>
    <message>
        <source>Daily spending cap ($)</source>
        <translation>1 日の支出上限（$）</translation>
    </message>
    <message>
        <source>Export file names</source>
        <translation>書き出しファイル名</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <source>(applies the next time the app starts)</source>
        <translation>（次回アプリ起動時に適用）</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>LemonData (the default)</source>
        <translation>LemonData（既定）</translation>
    </message>
    <message>
        <source>LemonData at api.tokenlab.sh, where its newest documentation is published</source>
        <translation>api.tokenlab.sh の LemonData（最新のドキュメントはここで公開）</translation>
    </message>
    <message>
        <source>The gateway&apos;s address: pick one it publishes, or type another https URL</source>
        <translation>ゲートウェイのアドレス：公開されているものを選ぶか、別の https URL を入力</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>システムの言語</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Window</source>
        <translation>ウィンドウ</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>ギャラリー</translation>
    </message>
    <message>
        <source>Image viewer</source>
        <translation>画像ビューアー</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Focus the prompt</source>
        <translation>プロンプトにフォーカス</translation>
    </message>
    <message>
        <source>Search the gallery</source>
        <translation>ギャラリーを検索</translation>
    </message>
    <message>
        <source>Search models</source>
        <translation>モデルを検索</translation>
    </message>
    <message>
        <source>Compare several models</source>
        <translation>複数のモデルを比較</translation>
    </message>
    <message>
        <source>Cancel the selected job</source>
        <translation>選択したジョブをキャンセル</translation>
    </message>
    <message>
        <source>Retry the selected job</source>
        <translation>選択したジョブを再試行</translation>
    </message>
    <message>
        <source>Open the selected job&apos;s image</source>
        <translation>選択したジョブの画像を開く</translation>
    </message>
    <message>
        <source>Resume a paused queue</source>
        <translation>一時停止したキューを再開</translation>
    </message>
    <message>
        <source>Import a folder…</source>
        <translation>フォルダーを読み込む…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Undo a rating or favourite</source>
        <translation>評価やお気に入りを元に戻す</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>やり直し</translation>
    </message>
    <message>
        <source>Open the image in the viewer</source>
        <translation>画像をビューアーで開く</translation>
    </message>
    <message>
        <source>Move the selected images to the trash</source>
        <translation>選択した画像をゴミ箱へ移動</translation>
    </message>
    <message>
        <source>Copy the image</source>
        <translation>画像をコピー</translation>
    </message>
    <message>
        <source>Favourite / unfavourite</source>
        <translation>お気に入りに追加 / 解除</translation>
    </message>
    <message>
        <source>Clear the rating</source>
        <translation>評価をクリア</translation>
    </message>
    <message>
        <source>Rate ★</source>
        <translation>★ と評価</translation>
    </message>
    <message>
        <source>Rate ★★</source>
        <translation>★★ と評価</translation>
    </message>
    <message>
        <source>Rate ★★★</source>
        <translation>★★★ と評価</translation>
    </message>
    <message>
        <source>Rate ★★★★</source>
        <translation>★★★★ と評価</translation>
    </message>
    <message>
        <source>Rate ★★★★★</source>
        <translation>★★★★★ と評価</translation>
    </message>
    <message>
        <source>Edit (paint a mask)</source>
        <translation>編集（マスクを描く）</translation>
    </message>
    <message>
        <source>Use as reference</source>
        <translation>参照画像に使う</translation>
    </message>
    <message>
        <source>Vary</source>
        <translation>バリエーション</translation>
    </message>
    <message>
        <source>Upscale</source>
        <translation>アップスケール</translation>
    </message>
    <message>
        <source>Remove background</source>
        <translation>背景を除去</translation>
    </message>
    <message>
        <source>Next image</source>
        <translation>次の画像</translation>
    </message>
    <message>
        <source>Previous image</source>
        <translation>前の画像</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>拡大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>縮小</translation>
    </message>
    <message>
        <source>Fit to the window</source>
        <translation>ウィンドウに合わせる</translation>
    </message>
    <message>
        <source>Actual size (100 %)</source>
        <translation>実寸（100%）</translation>
    </message>
    <message>
        <source>Close the viewer</source>
        <translation>ビューアーを閉じる</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
</context>
<context>
    <name>SizeEditor</name>
    <message>
        <source>Custom…</source>
        <translation>カスタム…</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>幅</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高さ</translation>
    </message>
    <message>
        <source>Lock ratio</source>
        <translation>比率を固定</translation>
    </message>
    <message>
        <source>Keep the aspect ratio when one side changes</source>
        <translation>片辺を変えたときにアスペクト比を保つ</translation>
    </message>
    <message>
        <source>Nearest valid</source>
        <translation>最も近い有効値</translation>
    </message>
    <message>
        <source>Move to the closest size this model accepts</source>
        <translation>このモデルが受け付ける最も近いサイズにする</translation>
    </message>
</context>
<context>
    <name>StageActionBar</name>
    <message>
        <source>Favourite</source>
        <translation>お気に入り</translation>
    </message>
    <message>
        <source>No rating</source>
        <translation>評価なし</translation>
    </message>
    <message>
        <source>Rate (0-5)</source>
        <translation>評価（0-5）</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>評価</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Open the file</source>
        <translation>ファイルを開く</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>場所を表示</translation>
    </message>
    <message>
        <source>Show in the folder</source>
        <translation>フォルダーで表示</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Move to the trash</source>
        <translation>ゴミ箱へ移動</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全体表示</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Every detail of the image</source>
        <translation>画像の詳細すべて</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全画面</translation>
    </message>
    <message>
        <source>The image alone</source>
        <translation>画像のみ</translation>
    </message>
    <message>
        <source>%1 of 5 stars</source>
        <translation>5 つ星中 %1</translation>
    </message>
</context>
<context>
    <name>StageCanvas</name>
    <message>
        <source>Picture</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Left and Right: the previous and next image; + and -: zoom; Ctrl+0: fit; F: favourite; 0 to 5: rate; E, R, V, U, B: edit, use as reference, vary, upscale, remove background</source>
        <translation>左右：前後の画像、+ と -：ズーム、Ctrl+0：全体表示、F：お気に入り、0〜5：評価、E・R・V・U・B：編集・参照画像に使う・バリエーション・アップスケール・背景除去</translation>
    </message>
</context>
<context>
    <name>StageDetails</name>
    <message>
        <source>Favourite</source>
        <translation>お気に入り</translation>
    </message>
    <message>
        <source>Rate %1 (again to clear)</source>
        <translation>%1 と評価（もう一度で解除）</translation>
    </message>
    <message>
        <source>Rate %1 of 5</source>
        <translation>5 段階中 %1 と評価</translation>
    </message>
    <message>
        <source>Tags, separated by commas</source>
        <translation>タグ（カンマ区切り）</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>タグ</translation>
    </message>
    <message>
        <source>Copy prompt</source>
        <translation>プロンプトをコピー</translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation>すべてコピー</translation>
    </message>
    <message>
        <source>Made from</source>
        <translation>作成元</translation>
    </message>
    <message>
        <source>Made from this</source>
        <translation>これから作成</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>%1 をコピー</translation>
    </message>
    <message>
        <source>%1 · gone (sha256 %2…)</source>
        <translation>%1 · 削除済み（sha256 %2…）</translation>
    </message>
    <message>
        <source>%1 · image %2</source>
        <translation>%1 · 画像 %2</translation>
    </message>
    <message>
        <source>(in the trash)</source>
        <translation>（ゴミ箱内）</translation>
    </message>
</context>
<context>
    <name>StagePanel</name>
    <message>
        <source>Could not show the image: %1</source>
        <translation>画像を表示できませんでした：%1</translation>
    </message>
</context>
<context>
    <name>TilePrices</name>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
</context>
<context>
    <name>UndoBanner</name>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
</context>
<context>
    <name>WipeBar</name>
    <message>
        <source>Composite</source>
        <translation>合成</translation>
    </message>
    <message>
        <source>The edit put back onto the original: pixels outside the mask kept exactly</source>
        <translation>編集結果を元画像に戻したもの：マスク外の画素はそのまま</translation>
    </message>
    <message>
        <source>Raw result</source>
        <translation>生の結果</translation>
    </message>
    <message>
        <source>What the model returned, as it returned it</source>
        <translation>モデルが返したそのままの結果</translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation>ヒートマップ</translation>
    </message>
    <message>
        <source>Red where the model changed pixels the mask protected; the edited area blue</source>
        <translation>赤はマスクで保護した画素をモデルが変えた所、青は編集範囲</translation>
    </message>
    <message>
        <source>Before / after</source>
        <translation>ビフォー / アフター</translation>
    </message>
    <message>
        <source>The original left of the line, the result right of it</source>
        <translation>線の左が元画像、右が結果</translation>
    </message>
    <message>
        <source>Where the wipe line is</source>
        <translation>ワイプ線の位置</translation>
    </message>
    <message>
        <source>Outside the mask: %1 changed</source>
        <translation>マスク外：%1 が変化</translation>
    </message>
    <message>
        <source>No composite</source>
        <translation>合成なし</translation>
    </message>
</context>
<context>
    <name>WipeLayer</name>
    <message>
        <source>Before</source>
        <translation>前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>後</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>usually inline</source>
        <translation>通常はインライン</translation>
    </message>
    <message>
        <source>task-based</source>
        <translation>タスク方式</translation>
    </message>
    <message>
        <source>price unknown</source>
        <translation>価格不明</translation>
    </message>
    <message>
        <source>finishing only, not text-to-image</source>
        <translation>仕上げ専用（テキストからの画像生成は不可）</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation>アスペクト比</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>圧縮</translation>
    </message>
    <message>
        <source>End-user ID</source>
        <translation>エンドユーザー ID</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Moderation</source>
        <translation>モデレーション</translation>
    </message>
    <message>
        <source>Output format</source>
        <translation>出力形式</translation>
    </message>
    <message>
        <source>Partial previews</source>
        <translation>途中プレビュー</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>品質</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>解像度</translation>
    </message>
    <message>
        <source>Response format</source>
        <translation>応答形式</translation>
    </message>
    <message>
        <source>Run as task</source>
        <translation>タスクとして実行</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>スタイル</translation>
    </message>
    <message>
        <source>A preset or any WIDTHxHEIGHT; this model&apos;s limits are unknown.</source>
        <translation>プリセット、または任意の 幅x高さ。このモデルの制限は不明です。</translation>
    </message>
    <message>
        <source>An identifier for the end user, passed on for abuse monitoring.</source>
        <translation>エンドユーザーの識別子。不正利用の監視用に渡されます。</translation>
    </message>
    <message>
        <source>Compression level 0-100 for JPEG or WebP output.</source>
        <translation>JPEG または WebP 出力の圧縮レベル（0-100）。</translation>
    </message>
    <message>
        <source>Content filter strictness; low filters less (unset means auto).</source>
        <translation>コンテンツフィルターの強さ。「低」は緩め（未設定なら自動）。</translation>
    </message>
    <message>
        <source>Create a task and poll for it instead of holding the request open; returns URLs only.</source>
        <translation>リクエストを開いたままにせず、タスクを作成してポーリングします。URL のみを返します。</translation>
    </message>
    <message>
        <source>File format of the generated image (unset means PNG).</source>
        <translation>生成画像のファイル形式（未設定なら PNG）。</translation>
    </message>
    <message>
        <source>How many images one request makes.</source>
        <translation>1 回のリクエストで作る画像の枚数。</translation>
    </message>
    <message>
        <source>Output resolution tier; higher tiers cost more and take longer.</source>
        <translation>出力解像度の段階。高いほど費用も時間もかかります。</translation>
    </message>
    <message>
        <source>Output size in pixels.</source>
        <translation>出力サイズ（ピクセル）。</translation>
    </message>
    <message>
        <source>Previews streamed while the image renders (0-3); needs a synchronous request.</source>
        <translation>描画中にストリーミングされるプレビュー（0-3）。同期リクエストが必要です。</translation>
    </message>
    <message>
        <source>Rendering quality; higher costs more and takes longer (unset means auto).</source>
        <translation>描画品質。高いほど費用も時間もかかります（未設定なら自動）。</translation>
    </message>
    <message>
        <source>Shape of the image as width:height; unset lets the model choose.</source>
        <translation>画像の形（幅:高さ）。未設定ならモデルが決めます。</translation>
    </message>
    <message>
        <source>auto, a preset, or a custom WIDTHxHEIGHT: multiples of 16, longest edge at most 3840, at most 3:1.</source>
        <translation>自動、プリセット、またはカスタムの 幅x高さ：16 の倍数、長辺は 3840 以下、比率は 3:1 まで。</translation>
    </message>
    <message>
        <source>hd renders finer detail at a higher price.</source>
        <translation>HD はより細かく描画し、価格も高くなります。</translation>
    </message>
    <message>
        <source>transparent needs PNG or WebP output (unset means auto).</source>
        <translation>透明背景には PNG か WebP 出力が必要です（未設定なら自動）。</translation>
    </message>
    <message>
        <source>url returns a download link; b64_json returns the image data in the response.</source>
        <translation>url はダウンロードリンクを、b64_json は応答内に画像データを返します。</translation>
    </message>
    <message>
        <source>vivid leans dramatic and hyper-real; natural looks less processed.</source>
        <translation>「ビビッド」は劇的で超写実的、「ナチュラル」は加工感が少なめです。</translation>
    </message>
    <message>
        <source>Artistic style; usually answered as a task.</source>
        <translation>芸術的なスタイル。通常はタスクとして応答します。</translation>
    </message>
    <message>
        <source>Aspect ratio only; resolution is fixed by the model.</source>
        <translation>アスペクト比のみ。解像度はモデルが決めます。</translation>
    </message>
    <message>
        <source>Best at rendering text; often answered as a task.</source>
        <translation>文字の描画が得意。タスクとして応答することが多いです。</translation>
    </message>
    <message>
        <source>Fast and cheap; square sizes only; prompts up to 1,000 characters.</source>
        <translation>高速で安価。正方形のみ。プロンプトは 1,000 文字まで。</translation>
    </message>
    <message>
        <source>No profile for this model: only common settings, plus any extra parameters.</source>
        <translation>このモデルのプロファイルはありません。共通設定と追加パラメーターのみ使えます。</translation>
    </message>
    <message>
        <source>One image per request; rewrites the prompt and returns the revised text.</source>
        <translation>1 リクエストにつき 1 枚。プロンプトを書き換え、修正後の文を返します。</translation>
    </message>
    <message>
        <source>Open model; usually answered inline.</source>
        <translation>オープンモデル。通常はインラインで応答します。</translation>
    </message>
    <message>
        <source>Photorealistic; often answered as a task.</source>
        <translation>写実的。タスクとして応答することが多いです。</translation>
    </message>
    <message>
        <source>Pick an aspect ratio and a 1k, 2k or 4k resolution tier.</source>
        <translation>アスペクト比と、1k・2k・4k の解像度を選びます。</translation>
    </message>
    <message>
        <source>Prompt only: no size, aspect ratio or count can be chosen.</source>
        <translation>プロンプトのみ。サイズ・アスペクト比・枚数は選べません。</translation>
    </message>
    <message>
        <source>Three fixed sizes or auto; transparent backgrounds with PNG or WebP.</source>
        <translation>3 種類の固定サイズか自動。PNG または WebP で透明背景が可能。</translation>
    </message>
    <message>
        <source>Token-priced; flexible sizes up to 3840 px; can run as a task.</source>
        <translation>トークン課金。サイズは自由で最大 3840 px。タスクとして実行可能。</translation>
    </message>
    <message>
        <source>Very fast drafts.</source>
        <translation>非常に速い下書き。</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>standard</source>
        <translation>標準</translation>
    </message>
    <message>
        <source>hd</source>
        <translation>HD</translation>
    </message>
    <message>
        <source>vivid</source>
        <translation>ビビッド</translation>
    </message>
    <message>
        <source>natural</source>
        <translation>ナチュラル</translation>
    </message>
    <message>
        <source>opaque</source>
        <translation>不透明</translation>
    </message>
    <message>
        <source>transparent</source>
        <translation>透明</translation>
    </message>
    <message>
        <source>Starting up.</source>
        <translation>起動中です。</translation>
    </message>
    <message>
        <source>Wait a moment; the library opens first.</source>
        <translation>少々お待ちください。先にライブラリを開きます。</translation>
    </message>
    <message>
        <source>Wait a moment; you can already write a prompt.</source>
        <translation>少々お待ちください。プロンプトはもう書けます。</translation>
    </message>
    <message>
        <source>Ready to generate.</source>
        <translation>生成の準備ができました。</translation>
    </message>
    <message>
        <source>Running against the built-in sandbox: images are test drawings, nothing is billed.</source>
        <translation>内蔵サンドボックスで実行中：画像はテスト描画で、料金はかかりません。</translation>
    </message>
    <message>
        <source>Paste an API key in Settings to use the real gateway.</source>
        <translation>実際のゲートウェイを使うには、設定で API キーを貼り付けてください。</translation>
    </message>
    <message>
        <source>No API key is set.</source>
        <translation>API キーが設定されていません。</translation>
    </message>
    <message>
        <source>Paste a new API key in Settings, or store one with `lemon-desktop key set`.</source>
        <translation>設定で新しい API キーを貼り付けるか、`lemon-desktop key set` で保存してください。</translation>
    </message>
    <message>
        <source>Check the network and the base URL in Settings; queued jobs wait and can be retried.</source>
        <translation>ネットワークと設定のベース URL を確認してください。キュー内のジョブは待機し、再試行できます。</translation>
    </message>
    <message>
        <source>Paste your API key (it is kept in the system keyring), or try the built-in sandbox.</source>
        <translation>API キーを貼り付ける（システムのキーリングに保存）か、内蔵サンドボックスを試してください。</translation>
    </message>
    <message>
        <source>prompt is empty; describe the image you want.</source>
        <translation>プロンプトが空です。作りたい画像を説明してください。</translation>
    </message>
    <message>
        <source>model is empty; choose a model.</source>
        <translation>モデルが空です。モデルを選んでください。</translation>
    </message>
    <message>
        <source>Change the request and try again.</source>
        <translation>リクエストを変更して再試行してください。</translation>
    </message>
    <message>
        <source>Check the API key in Settings (or LEMONDATA_API_KEY).</source>
        <translation>設定で API キー（または LEMONDATA_API_KEY）を確認してください。</translation>
    </message>
    <message>
        <source>This API key has used up its quota.</source>
        <translation>この API キーの利用枠を使い切りました。</translation>
    </message>
    <message>
        <source>Top up the account or raise the key&apos;s quota, then retry the job.</source>
        <translation>アカウントにチャージするかキーの利用枠を増やしてから、ジョブを再試行してください。</translation>
    </message>
    <message>
        <source>This key is not allowed to use that model; pick another model or key.</source>
        <translation>このキーではそのモデルを使えません。別のモデルかキーを選んでください。</translation>
    </message>
    <message>
        <source>Shorten the prompt or send fewer or smaller images.</source>
        <translation>プロンプトを短くするか、画像の枚数やサイズを減らしてください。</translation>
    </message>
    <message>
        <source>Too many requests; wait a moment and try again.</source>
        <translation>リクエストが多すぎます。少し待ってから再試行してください。</translation>
    </message>
    <message>
        <source>The gateway failed; retry the job later.</source>
        <translation>ゲートウェイでエラーが起きました。後でジョブを再試行してください。</translation>
    </message>
    <message>
        <source>The image provider failed; retry the job or pick another model.</source>
        <translation>画像プロバイダーでエラーが起きました。ジョブを再試行するか、別のモデルを選んでください。</translation>
    </message>
    <message>
        <source>The provider took too long; retry the job, perhaps at a lower size or quality.</source>
        <translation>プロバイダーの応答に時間がかかりすぎました。サイズや品質を下げて再試行してみてください。</translation>
    </message>
    <message>
        <source>{price} / image</source>
        <translation>{price} / 枚</translation>
    </message>
    <message>
        <source>{input} in / {output} out per 1M tokens</source>
        <translation>100 万トークンあたり 入力 {input} / 出力 {output}</translation>
    </message>
    <message>
        <source>Connecting to {url}.</source>
        <translation>{url} に接続しています。</translation>
    </message>
    <message>
        <source>Connected to {url}.</source>
        <translation>{url} に接続しました。</translation>
    </message>
    <message>
        <source>prompt is {count} characters; {model} accepts at most {limit}.</source>
        <translation>プロンプトは {count} 文字です。{model} は最大 {limit} 文字までです。</translation>
    </message>
    <message>
        <source>{model} makes one image per request; set n to 1 or queue several jobs.</source>
        <translation>{model} は 1 リクエストにつき 1 枚を作ります。n を 1 にするか、複数のジョブをキューに入れてください。</translation>
    </message>
    <message>
        <source>{model} is offered one image per request here (more is not documented for it); set n to 1 or queue several jobs.</source>
        <translation>ここでは {model} は 1 リクエストにつき 1 枚です（それ以上は記載なし）。n を 1 にするか、複数のジョブをキューに入れてください。</translation>
    </message>
    <message>
        <source>{name} must be {wanted}, got {value}.</source>
        <translation>{name} は{wanted}にしてください（指定値：{value}）。</translation>
    </message>
    <message>
        <source>a whole number from {low} to {high}</source>
        <translation>{low}〜{high} の整数</translation>
    </message>
    <message>
        <source>a whole number of at least {low}</source>
        <translation>{low} 以上の整数</translation>
    </message>
    <message>
        <source>a whole number of at most {high}</source>
        <translation>{high} 以下の整数</translation>
    </message>
    <message>
        <source>{name} must be true or false, got {value}.</source>
        <translation>{name} は true か false にしてください（指定値：{value}）。</translation>
    </message>
    <message>
        <source>{name} must be one of {choices} for {model}; got {value}.</source>
        <translation>{model} の {name} は {choices} のいずれかにしてください（指定値：{value}）。</translation>
    </message>
    <message>
        <source>{name} {size}: {problem} (nearest valid: {nearest}).</source>
        <translation>{name} {size}：{problem}（最も近い有効値：{nearest}）。</translation>
    </message>
    <message>
        <source>both sides must be multiples of {multiple}</source>
        <translation>両辺とも {multiple} の倍数にしてください</translation>
    </message>
    <message>
        <source>the longest edge must be at most {edge} px</source>
        <translation>長辺は {edge} px 以下にしてください</translation>
    </message>
    <message>
        <source>the long side may be at most {ratio} times the short side, not {actual} times</source>
        <translation>長辺は短辺の {ratio} 倍までです（現在 {actual} 倍）</translation>
    </message>
    <message>
        <source>total pixels must be at least {minimum}, not {pixels}</source>
        <translation>総画素数は {minimum} 以上にしてください（現在 {pixels}）</translation>
    </message>
    <message>
        <source>total pixels must be at most {maximum}, not {pixels}</source>
        <translation>総画素数は {maximum} 以下にしてください（現在 {pixels}）</translation>
    </message>
    <message>
        <source>{name}: {model} is prompt-only and takes no {name2}; remove it.</source>
        <translation>{name}：{model} はプロンプトのみで {name2} を受け付けません。削除してください。</translation>
    </message>
    <message>
        <source>{name}: {model} does not take {name2}; remove it.</source>
        <translation>{name}：{model} は {name2} を受け付けません。削除してください。</translation>
    </message>
    <message>
        <source>Too many requests; wait {seconds} s and try again.</source>
        <translation>リクエストが多すぎます。{seconds} 秒待ってから再試行してください。</translation>
    </message>
    <message>
        <source>No system keyring is available to store the API key ({detail}). Install and unlock a Secret Service keyring (for example gnome-keyring or KWallet), or set the LEMONDATA_API_KEY environment variable instead.</source>
        <translation>API キーを保存できるシステムのキーリングがありません（{detail}）。Secret Service のキーリング（gnome-keyring や KWallet など）を導入してロックを解除するか、代わりに環境変数 LEMONDATA_API_KEY を設定してください。</translation>
    </message>
    <message>
        <source>The system keyring is locked ({detail}). Unlock it and try again, or set the LEMONDATA_API_KEY environment variable instead.</source>
        <translation>システムのキーリングがロックされています（{detail}）。ロックを解除して再試行するか、代わりに環境変数 LEMONDATA_API_KEY を設定してください。</translation>
    </message>
</context>
</TS>
