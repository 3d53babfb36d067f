def parse(text):
    try:
        return {"a": 1}[text]
    except KeyError as e:
        print("missing", e)
        raise e
parse("a")
parse("b")
