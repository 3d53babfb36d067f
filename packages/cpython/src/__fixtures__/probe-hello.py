import json, sys
print("some noise first")
print(json.dumps({"args": sys.argv[1:], "version": list(sys.version_info[:2])}))
