# UTF-16 with a BOM (little and big endian) is transcoded; the decoded text is
# checked through the actor forms found. A cut UTF-16 text is rejected clearly.
printf 'date 2017-05 Le pr\303\251sident turc Erdo\304\237an et Vladimir Poutine.\n' > "$TMP/utf8.txt"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$TMP/utf8.txt"; } > "$TMP/le.txt"
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$TMP/utf8.txt"; } > "$TMP/be.txt"
printf '\376\377\000L\000e\330\000' > "$TMP/cut.txt"
rm "$TMP/utf8.txt"
"$RELGRAPH" extract "$TMP" | grep -o '"doc":"[^"]*"\|"form":"[^"]*"'
