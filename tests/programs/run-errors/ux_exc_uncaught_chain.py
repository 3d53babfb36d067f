class ValidationError(ValueError):
    pass
def validate(x):
    if x < 0:
        raise ValidationError("negative value", x)
    return x
try:
    validate(-3)
except ValidationError as e:
    raise RuntimeError("validation failed") from e
