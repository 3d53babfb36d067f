# A misspelt int method on a parenthesised literal.
count = (255).bit_lenght()
