#include "CommandLineWords.h"

#include "ArgParser.h"

std::vector<std::string> commandLineWords(const std::string& line)
{
    std::vector<std::string> words;
    std::string word;
    bool inWord = false;  // a word has begun, even an empty one ('' or "")
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            if (inWord) words.push_back(word);
            word.clear();
            inWord = false;
        } else if (c == '\'') {
            const size_t end = line.find('\'', i + 1);
            if (end == std::string::npos) throw UsageError("unclosed ' quote");
            word.append(line, i + 1, end - i - 1);
            i = end;
            inWord = true;
        } else if (c == '"') {
            size_t j = i + 1;
            for (; j < line.size() && line[j] != '"'; ++j) {
                if (line[j] == '\\' && j + 1 < line.size() && (line[j + 1] == '"' || line[j + 1] == '\\' || line[j + 1] == '$')) ++j;
                word += line[j];
            }
            if (j >= line.size()) throw UsageError("unclosed \" quote");
            i = j;
            inWord = true;
        } else if (c == '\\') {
            if (i + 1 >= line.size()) throw UsageError("a backslash ends the line");
            word += line[++i];
            inWord = true;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord) words.push_back(word);
    return words;
}
